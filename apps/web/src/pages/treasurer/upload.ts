import { ApiError, Problem, tokens } from '../../api/client';

/** How far the browser got sending the file: bytes sent of the total. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

function post(path: string, file: File, onProgress: (progress: UploadProgress) => void): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/v1${path}`);
    request.setRequestHeader('accept', 'application/json, application/problem+json');
    if (tokens.accessToken) request.setRequestHeader('authorization', `Bearer ${tokens.accessToken}`);
    request.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    request.upload.onload = () => onProgress({ loaded: file.size, total: file.size });
    request.onload = () => resolve({ status: request.status, text: request.responseText });
    request.onerror = () => reject(new Error('network'));
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}

/**
 * Sends a file as the multipart field `file` and answers the API's JSON. Unlike `api()` it reports the upload's
 * progress, which fetch cannot; a large bank export takes a while on a slow line.
 */
export async function uploadWithProgress<T>(path: string, file: File, onProgress: (progress: UploadProgress) => void): Promise<T> {
  let response = await post(path, file, onProgress);
  if (response.status === 401 && tokens.refreshToken && (await tokens.refresh())) response = await post(path, file, onProgress);
  if (response.status >= 200 && response.status < 300) return JSON.parse(response.text) as T;
  let problem: Problem;
  try {
    problem = { ...(JSON.parse(response.text) as Problem), status: response.status };
  } catch {
    problem = { status: response.status, detail: response.text.slice(0, 300) || undefined };
  }
  throw new ApiError(problem);
}
