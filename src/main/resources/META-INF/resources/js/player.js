// The stage's player frame (/stage/{slug}/sessions/{id}, served by the stage feature with the event's own
// Content-Security-Policy). Reads what to play from #player's data attributes: an HLS stream in our own <video>
// (hls.js, served from the jar, where Media Source Extensions exist; the browser's own HLS otherwise, as on iPhones),
// or the provider's privacy-friendly embed in an <iframe>. No inline script, no third-party script.
const box = document.getElementById('player');

function frame(src, title, allow) {
  const f = document.createElement('iframe');
  f.src = src;
  f.title = title;
  f.allow = allow;
  f.allowFullscreen = true;
  // YouTube refuses to play without knowing the embedding origin: send the origin only, never the path
  f.referrerPolicy = 'strict-origin-when-cross-origin';
  f.className = 'embed';
  return f;
}

async function hls(src, title) {
  const video = document.createElement('video');
  video.controls = true;
  video.muted = true; // browsers only start playing by themselves when muted
  video.autoplay = true;
  video.playsInline = true;
  video.setAttribute('aria-label', title);
  box.append(video);
  const say = (state) => { document.body.dataset.state = state; };
  video.addEventListener('playing', () => say('playing'));
  video.addEventListener('error', () => say('error'));
  if ('MediaSource' in window || 'ManagedMediaSource' in window) {
    const { default: Hls } = await import('/vendor/hls.js/hls.light.min.mjs');
    if (Hls.isSupported()) {
      document.body.dataset.engine = 'hls.js';
      // no worker: it would need blob: in worker-src; the stream is small enough for the page's own thread
      const player = new Hls({ enableWorker: false });
      player.on(Hls.Events.ERROR, (_, data) => { if (data.fatal) say(`error: ${data.details}`); });
      player.loadSource(src);
      player.attachMedia(video);
      video.play().catch(() => {});
      return;
    }
  }
  document.body.dataset.engine = 'native';
  video.src = src;
  video.play().catch(() => {});
}

if (box) {
  const { kind, provider, src, title } = box.dataset;
  if (kind === 'PLAYER') {
    hls(src, title);
  } else if (provider === 'JITSI') {
    box.append(frame(src, title, 'camera; microphone; display-capture; fullscreen; autoplay'));
  } else {
    box.append(frame(src, title, 'autoplay; fullscreen; picture-in-picture; encrypted-media'));
  }
}
