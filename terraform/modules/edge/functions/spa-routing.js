// Viewer-request function on the web app's (default) behaviour: client-side routes such as /trade/BTCUSDT
// have no file behind them, so they get the app shell. Assets (a file extension in the last segment) and
// unrouted API paths pass through unchanged, so a mistyped API call fails instead of returning HTML.
// Doing this here rather than with distribution-wide custom error responses keeps API 404s from the ALB intact.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var lastSegment = uri.substring(uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1 && uri.indexOf('/api/') !== 0) {
    request.uri = '/index.html';
  }
  return request;
}
