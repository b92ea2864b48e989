#!/usr/bin/env bash
# Makes the tiny audio and video files that MediaUploadTest uploads (src/test/resources/exhibition-media): one second
# of a 440 Hz tone as MP3 and Ogg Vorbis, one second of a test pattern (96x54, 5 fps, silent) as MP4 (H.264) and
# WebM (VP8); a few KB each. Run once (needs ffmpeg: apt-get install ffmpeg) and commit the output; tests never call
# ffmpeg. -bitexact and no metadata keep the files free of encoder versions and dates.
set -euo pipefail
out="$(dirname "$0")/../resources/exhibition-media"
rm -rf "$out" && mkdir -p "$out"
tone=(-f lavfi -i "sine=frequency=440:sample_rate=22050:duration=1")
pattern=(-f lavfi -i "testsrc2=size=96x54:rate=5:duration=1")
common=(-hide_banner -loglevel error)
clean=(-map_metadata -1 -fflags +bitexact -flags:a +bitexact -flags:v +bitexact)
ffmpeg "${common[@]}" "${tone[@]}" -ac 1 -c:a libmp3lame -b:a 32k -id3v2_version 0 -write_xing 0 "${clean[@]}" "$out/tone.mp3"
ffmpeg "${common[@]}" "${tone[@]}" -ac 1 -c:a libvorbis -q:a 0 "${clean[@]}" "$out/tone.ogg"
ffmpeg "${common[@]}" "${pattern[@]}" -an -c:v libx264 -profile:v baseline -pix_fmt yuv420p -b:v 20k \
  -movflags +faststart "${clean[@]}" "$out/pattern.mp4"
ffmpeg "${common[@]}" "${pattern[@]}" -an -c:v libvpx -b:v 20k "${clean[@]}" "$out/pattern.webm"
ls -l "$out"
