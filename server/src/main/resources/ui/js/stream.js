// Server-sent events from /api/stream. The browser reconnects by itself after a dropped connection; the
// handlers get parsed JSON. Returns a function that closes the stream.

export function openStream({application, onApplication, onDeleted, onEvent, onState}) {
  const url = application ? `/api/stream?application=${encodeURIComponent(application)}` : '/api/stream';
  const source = new EventSource(url, {withCredentials: true});
  const listen = (type, handler) => {
    if (handler) {
      source.addEventListener(type, (message) => handler(JSON.parse(message.data)));
    }
  };
  listen('application', onApplication);
  listen('deleted', onDeleted);
  listen('event', onEvent);
  if (onState) {
    source.addEventListener('open', () => onState('live'));
    source.addEventListener('error', () => onState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
  }
  // A stream left open while the browser leaves the page holds one of the six connections a browser allows per
  // host until the server notices, so the next page's requests can queue behind it.
  window.addEventListener('pagehide', () => source.close(), {once: true});
  return () => source.close();
}
