// Live updates: every element with data-live="<url>" is re-rendered by the portal whenever the customer's event
// stream (the orchestrator's WebSocket, relayed by the portal at /live/customers/{id}) reports something.
(function () {
  'use strict';
  var customer = document.body.getAttribute('data-customer');
  var regions = document.querySelectorAll('[data-live]');
  var status = document.getElementById('live-status');
  if (!customer || regions.length === 0) {
    if (status) { status.textContent = ''; }
    return;
  }
  var received = 0;
  var timer = null;

  function show(text) { if (status) { status.textContent = text; } }

  function refresh() {
    regions.forEach(function (region) {
      fetch(region.getAttribute('data-live'), { credentials: 'same-origin' }).then(function (response) {
        if (response.status === 401) { window.location.href = '/login?expired=1'; return null; }
        if (!response.ok) { show('Live update failed (HTTP ' + response.status + ')'); return null; }
        return response.text();
      }).then(function (html) {
        if (html === null || html === undefined || html === region.innerHTML) { return; }
        // keep the keyboard user's place: re-focus the control with the same id after the re-render
        var focused = document.activeElement && region.contains(document.activeElement) ? document.activeElement.id : '';
        region.innerHTML = html; // rendered and escaped by the portal's templates
        region.setAttribute('data-updates', String(received));
        if (focused && document.getElementById(focused)) { document.getElementById(focused).focus(); }
      }).catch(function (e) { show('Live update failed: ' + e); });
    });
  }

  function connect() {
    var scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
    var socket = new WebSocket(scheme + window.location.host + '/live/customers/' + encodeURIComponent(customer));
    socket.onmessage = function (message) {
      var event;
      try { event = JSON.parse(message.data); } catch (e) { return; }
      received++;
      document.body.setAttribute('data-live-events', String(received));
      show(event.type === 'connected' ? 'Live' : 'Live · last event: ' + event.type);
      // coalesce bursts (a rollout step emits several events) into one re-render
      if (timer === null) { timer = setTimeout(function () { timer = null; refresh(); }, 100); }
    };
    socket.onclose = function (close) {
      if (close.code === 4401) { window.location.href = '/login?expired=1'; return; }
      if (close.code === 4403) { show('Live updates refused for this account'); return; }
      show('Live updates reconnecting…');
      setTimeout(connect, 1000);
    };
  }
  connect();
}());
