// Image uploads (a speaker's photo, an event's logo): the file is the request body; the server checks, decodes and
// re-encodes it (common/Images). Files larger than the server takes are first shrunk here, so a phone photo works.
import { accessToken } from './auth.js';
import { ApiError, get } from './api.js';
import { busy } from './dom.js';

let limits = null;

/** The server's image bounds (GET /api/limits), asked once per page load. */
export async function imageLimits() {
  if (!limits) limits = get('/api/limits').catch(() => ({ imageMaxBytes: 1048576, imageMaxSide: 1024 }));
  return limits;
}

/**
 * The file as it will be sent: unchanged when it is within the byte limit, else redrawn at the stored size as JPEG
 * (PNG keeps its transparency when that is small enough). The server re-encodes either way.
 */
export async function prepareImage(file) {
  const { imageMaxBytes, imageMaxSide } = await imageLimits();
  if (file.size <= imageMaxBytes || typeof createImageBitmap !== 'function') return file;
  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return file; // not an image the browser reads: let the server say what it is
  }
  const scale = Math.min(1, imageMaxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const blob = (type, quality) => new Promise((resolve) => canvas.toBlob(resolve, type, quality));
  if (file.type === 'image/png') {
    const png = await blob('image/png');
    if (png && png.size <= imageMaxBytes) return png;
  }
  for (const quality of [0.9, 0.8, 0.65]) {
    const jpeg = await blob('image/jpeg', quality);
    if (jpeg && jpeg.size <= imageMaxBytes) return jpeg;
  }
  return file;
}

/** PUTs an image as the request body and answers the JSON the server sends back; problems as ApiError. */
export async function putImage(path, file) {
  return sendFile('PUT', path, await prepareImage(file));
}

/** Sends a file as the request body (the server sniffs its type) and answers the JSON it sends back; problems as ApiError. */
export async function sendFile(method, path, body) {
  const token = await accessToken();
  const headers = { Accept: 'application/json', 'Content-Type': body.type || 'application/octet-stream' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const r = await busy(fetch(path, { method, headers, body }));
  if (!r.ok) {
    let problem = null;
    try { problem = await r.json(); } catch { /* not JSON */ }
    throw new ApiError(r.status, problem);
  }
  return r.json();
}

/** Upload problems in people's words (the server's detail says the limit or the accepted types). */
export function uploadProblem(e) {
  if (e instanceof ApiError && e.code === 'upload.too-many-pixels') {
    return `This image is ${e.problem.width} × ${e.problem.height} pixels; it may have at most ${Number(e.problem.limit).toLocaleString('en-GB')} pixels.`;
  }
  return e.message || String(e);
}
