// The REST API of api/openapi.yaml, called with the session cookie. State-changing calls carry
// X-Driftless-Request: ui, the service's guard against cross-site requests riding on the cookie.

/** A failed call, with a message written for the person who acted. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let unauthorizedHandler = () => {};

/** Called with no arguments whenever the service answers 401: the session is missing or has expired. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

/** The answer's body (parsed JSON, or null for 204). */
export async function api(path, options) {
  return (await call(path, options)).body;
}

/** The answer's body and headers. */
export async function call(path, {method = 'GET', body, signal} = {}) {
  const headers = {Accept: 'application/json'};
  if (method !== 'GET') {
    headers['X-Driftless-Request'] = 'ui';
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, {
      method, headers, signal, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (failure) {
    if (failure.name === 'AbortError') {
      throw failure;
    }
    throw new ApiError(0, 'Cannot reach the Driftless service. Check that it is running and try again.');
  }
  if (response.status === 401 && path !== '/api/session') {
    unauthorizedHandler();
  }
  const text = await response.text();
  let parsed = null;
  if (text && (response.headers.get('Content-Type') || '').includes('json')) {
    parsed = JSON.parse(text);
  }
  if (!response.ok) {
    throw new ApiError(response.status, plain(response.status, parsed && parsed.error));
  }
  return {body: parsed, headers: response.headers};
}

function plain(status, error) {
  const detail = error ? `: ${error}` : '.';
  switch (status) {
    case 400: return `The service refused the request${detail}`;
    case 401: return 'You are not logged in, or your session has ended. Log in again.';
    case 403: return `You are not allowed to do this${detail}`;
    case 404: return `Not found${detail}`;
    case 409: return `Not possible right now${detail}`;
    default: return status >= 500
      ? `The service failed (${status})${detail}`
      : `The request failed (${status})${detail}`;
  }
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of [].concat(value)) {
      if (one !== undefined && one !== null && one !== '') {
        search.append(name, one);
      }
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const applicationPath = (name) => `/api/applications/${encodeURIComponent(name)}`;
