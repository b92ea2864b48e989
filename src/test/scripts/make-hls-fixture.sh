#!/usr/bin/env bash
# Makes the tiny HLS stream that StageBrowserTest plays (src/test/resources/stage-hls): 6 s of a moving test
# pattern, 160x90 at 10 fps, H.264 baseline in MPEG-TS segments of 2 s, no audio; about 45 KB in all.
# Run once (needs ffmpeg: apt-get install ffmpeg) and commit the output; tests never call ffmpeg.
set -euo pipefail
out="$(dirname "$0")/../resources/stage-hls"
rm -rf "$out" && mkdir -p "$out"
ffmpeg -hide_banner -loglevel error -f lavfi -i "testsrc2=size=160x90:rate=10:duration=6" \
  -c:v libx264 -profile:v baseline -level 3.0 -pix_fmt yuv420p -g 20 -keyint_min 20 -sc_threshold 0 -b:v 40k \
  -f hls -hls_time 2 -hls_playlist_type vod -hls_segment_filename "$out/segment%d.ts" "$out/stream.m3u8"
ls -l "$out"
