// PPC Anomaly dashboard: a little JavaScript over server-rendered pages. Every change goes through the same HTTP
// API any client uses, with the session's CSRF token; charts are drawn by ECharts (served from its webjar).
(function () {
  'use strict';

  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.getAttribute('content') : '';
  var toast = document.getElementById('toast');
  var profile = document.body.getAttribute('data-profile') || '';
  var SEVERITY_COLORS = { low: '#5b7ba3', medium: '#b7791f', high: '#c2410c', critical: '#b91c1c' };
  var LABELS = { impressions: 'Impressions', clicks: 'Clicks', spend: 'Spend', sales: 'Sales', orders: 'Orders',
    ctr: 'CTR', cpc: 'CPC', acos: 'ACOS', cvr: 'CVR', roas: 'ROAS' };
  var charts = [];

  function say(message, isError) {
    if (!toast) { return; }
    toast.className = 'toast' + (isError ? ' error' : '');
    toast.textContent = message;
    clearTimeout(say.timer);
    say.timer = setTimeout(function () { toast.textContent = ''; }, isError ? 9000 : 4000);
  }

  function api(method, url, body) {
    var init = { method: method, credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': csrf } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (r) {
      return r.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        if (!r.ok) {
          throw new Error(json && json.message ? json.message : 'the server answered ' + r.status);
        }
        return json;
      });
    });
  }

  function withProfile(url) {
    return url + (url.indexOf('?') < 0 ? '?' : '&') + 'profile_id=' + encodeURIComponent(profile);
  }

  function pct(v) {
    if (v === null || v === undefined) { return 'n/a'; }
    var p = v * 100;
    var a = Math.abs(p);
    return (p >= 0 ? '+' : '\u2212') + (a >= 10 ? Math.round(a).toLocaleString('en') : a.toFixed(1)) + '%';
  }

  // --- actions: acknowledge, resolve, not an anomaly -------------------------------------------------------------

  var dialog = document.getElementById('resolve-dialog');

  function askResolution() {
    return new Promise(function (resolve) {
      if (!dialog || typeof dialog.showModal !== 'function') {
        resolve({ note: null, revenue_impact: null });
        return;
      }
      var form = document.getElementById('resolve-form');
      form.reset();
      dialog.returnValue = '';
      dialog.addEventListener('close', function onClose() {
        dialog.removeEventListener('close', onClose);
        if (dialog.returnValue !== 'resolve') { resolve(null); return; }
        var note = document.getElementById('resolve-note').value.trim();
        var impact = document.getElementById('resolve-impact').value;
        var body = { note: note || null };
        if (impact !== '') { body.revenue_impact = Number(impact); }
        resolve(body);
      });
      dialog.showModal();
      document.getElementById('resolve-note').focus();
    });
  }

  function act(holder, action, button) {
    var id = holder.getAttribute('data-id');
    var base = withProfile('/api/anomaly/alerts/' + id + '/');
    var version = Number(holder.getAttribute('data-version'));
    var work;
    if (action === 'acknowledge') {
      work = api('PATCH', base.replace('/?', '/acknowledge?'), { expected_version: version });
    } else if (action === 'resolve') {
      work = askResolution().then(function (body) {
        if (body === null) { return null; }
        return api('PATCH', base.replace('/?', '/resolve?'), body);
      });
    } else {
      work = api('POST', base.replace('/?', '/feedback?'), { is_true_anomaly: false }).then(function () {
        return api('PATCH', base.replace('/?', '/resolve?'), { note: 'Not an anomaly (labelled false)' });
      });
    }
    button.disabled = true;
    return work.then(function (alert) {
      button.disabled = false;
      if (alert === null) { return; }
      holder.setAttribute('data-version', alert.version);
      holder.setAttribute('data-status', alert.status);
      say('Alert ' + id + ' is now ' + alert.status + '.');
      done(holder, alert);
    }).catch(function (e) {
      button.disabled = false;
      say('Could not ' + action.replace('-', ' ') + ' alert ' + id + ': ' + e.message, true);
    });
  }

  function done(holder, alert) {
    if (holder.tagName === 'TR') {
      var filter = document.getElementById('alert-table').getAttribute('data-status-filter');
      if (alert.status === 'resolved' || (filter === 'open' && alert.status !== 'open')) {
        var next = holder.nextElementSibling || holder.previousElementSibling;
        holder.parentNode.removeChild(holder);
        var focus = next ? next.querySelector('a, button') : document.getElementById('main');
        if (focus) { focus.focus(); }
        if (!document.querySelector('#alert-table tbody tr')) {
          document.getElementById('alert-table').insertAdjacentHTML('afterend',
            '<p class="empty" id="no-alerts">No alerts left on this page.</p>');
        }
      } else {
        var ack = holder.querySelector('button[data-action="acknowledge"]');
        if (ack && alert.status !== 'open') { ack.parentNode.removeChild(ack); }
      }
    } else {
      window.location.reload();
    }
  }

  document.addEventListener('click', function (ev) {
    var button = ev.target.closest('button[data-action]');
    if (!button) { return; }
    var holder = button.closest('[data-id]');
    if (holder) { act(holder, button.getAttribute('data-action'), button); }
  });

  // --- charts --------------------------------------------------------------------------------------------------

  function chart(el) {
    var c = echarts.init(el, null, { renderer: 'canvas' });
    c.on('finished', function () { el.setAttribute('data-drawn', 'true'); });
    charts.push(c);
    return c;
  }

  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });

  function drawSeries(el, data, metric) {
    var c = echarts.getInstanceByDom(el) || chart(el);
    var name = LABELS[metric] || metric;
    c.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: [name, 'Baseline'], top: 8 },
      grid: { left: 64, right: 24, top: 44, bottom: 36 },
      xAxis: { type: 'category', data: data.periods },
      yAxis: { type: 'value' },
      series: [
        { name: name, type: 'line', data: data.metrics[metric], symbolSize: 5, lineStyle: { width: 2 },
          markArea: { silent: true, itemStyle: { color: 'rgba(255, 90, 78, 0.18)' },
            data: [[{ xAxis: data.judged.first_period }, { xAxis: data.judged.period }]] } },
        { name: 'Baseline', type: 'line', data: data.baseline[metric], showSymbol: false,
          lineStyle: { type: 'dashed', width: 1.5 }, itemStyle: { color: '#5b6675' } }
      ]
    }, true);
  }

  function drawPath(list, path) {
    list.innerHTML = '';
    path.forEach(function (level) {
      var li = document.createElement('li');
      if (level.root_cause) { li.className = 'root'; }
      var changes = Object.keys(level.changes).filter(function (k) { return level.changes[k] !== null; })
        .sort(function (a, b) { return Math.abs(level.changes[b]) - Math.abs(level.changes[a]); }).slice(0, 3)
        .map(function (k) { return (LABELS[k] || k) + ' ' + pct(level.changes[k]); });
      li.textContent = level.entity_type.replace('_', ' ') + ' ' + level.entity_name + ': '
        + (changes.length ? changes.join(', ') : 'no baseline')
        + (level.root_cause ? ' \u2014 root cause (' + String(level.root_cause_kind).replace('_', ' ') + ')' : '');
      list.appendChild(li);
    });
  }

  function alertPage() {
    var summary = document.getElementById('alert-summary');
    var el = document.getElementById('series-chart');
    var select = document.getElementById('metric-select');
    var explanation = document.getElementById('explanation-chart');
    if (explanation) {
      var ex = JSON.parse(summary.getAttribute('data-explanation') || '{}');
      var names = Object.keys(ex).reverse();
      chart(explanation).setOption({
        animation: false,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 100, right: 24, top: 16, bottom: 28 },
        xAxis: { type: 'value', name: 'contribution to the score' },
        yAxis: { type: 'category', data: names },
        series: [{ type: 'bar', data: names.map(function (n) {
          return { value: ex[n], itemStyle: { color: ex[n] >= 0 ? '#c2410c' : '#5b7ba3' } };
        }) }]
      });
    }
    api('GET', withProfile('/api/anomaly/alerts/' + summary.getAttribute('data-id') + '/series'))
      .then(function (data) {
        var first = data.path.length ? data.path[0].changes : {};
        var best = Object.keys(LABELS).filter(function (k) { return first[k] !== null && first[k] !== undefined; })
          .sort(function (a, b) { return Math.abs(first[b]) - Math.abs(first[a]); })[0];
        if (best) { select.value = best; }
        drawSeries(el, data, select.value);
        select.addEventListener('change', function () { drawSeries(el, data, select.value); });
        drawPath(document.getElementById('root-path'), data.path);
      })
      .catch(function (e) {
        el.textContent = 'The series could not be loaded: ' + e.message;
        say(e.message, true);
      });
  }

  function statisticsPage() {
    var s = document.getElementById('stats-summary');
    var url = withProfile('/api/anomaly/statistics?from=' + s.getAttribute('data-from') + '&to='
      + s.getAttribute('data-to'));
    api('GET', url).then(function (st) {
      var days = st.by_day.map(function (d) { return d.day; });
      var severities = ['low', 'medium', 'high', 'critical'];
      chart(document.getElementById('daily-chart')).setOption({
        animation: false,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 8 },
        grid: { left: 48, right: 24, top: 44, bottom: 36 },
        xAxis: { type: 'category', data: days },
        yAxis: { type: 'value', minInterval: 1 },
        series: severities.map(function (sev) {
          return { name: sev, type: 'bar', stack: 'alerts', itemStyle: { color: SEVERITY_COLORS[sev] },
            data: st.by_day.map(function (d) { return d.by_severity[sev]; }) };
        })
      });
      chart(document.getElementById('status-chart')).setOption({
        animation: false,
        tooltip: {},
        grid: { left: 100, right: 24, top: 16, bottom: 28 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: ['resolved', 'acknowledged', 'open'] },
        series: [{ type: 'bar', data: [
          { value: st.by_status.resolved, itemStyle: { color: '#0f766e' } },
          { value: st.by_status.acknowledged, itemStyle: { color: '#b7791f' } },
          { value: st.by_status.open, itemStyle: { color: '#b91c1c' } }] }]
      });
    }).catch(function (e) { say('The statistics could not be loaded: ' + e.message, true); });
  }

  var page = document.body.getAttribute('data-page');
  if (page === 'alert') { alertPage(); }
  if (page === 'statistics') { statisticsPage(); }
}());
