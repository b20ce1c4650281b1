// The operators' console: renders each snapshot the stream pushes; nothing here reloads the page.
'use strict';

const NUMBER = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});
const RATE = new Intl.NumberFormat('en-US', {maximumFractionDigits: 1, minimumFractionDigits: 1});
const NOUMEA_TIME = new Intl.DateTimeFormat('en-GB', {timeZone: 'Pacific/Noumea', day: '2-digit', month: 'short',
  hour: '2-digit', minute: '2-digit', second: '2-digit'});
const STALE_AFTER_MS = 5000;

const count = (n) => n === null || n === undefined ? '—' : NUMBER.format(n);
const xpf = (n) => n === null || n === undefined ? '—' : NUMBER.format(n) + ' XPF';
const noumea = (iso) => iso ? NOUMEA_TIME.format(new Date(iso)) : '—';
const seconds = (s) => s === null || s === undefined ? '—' : s < 60 ? RATE.format(s) + ' s' : NUMBER.format(s / 60) + ' min';

function text(id, value) {
  document.getElementById(id).textContent = value;
}

function cell(value, numeric) {
  const td = document.createElement('td');
  td.textContent = value;
  if (numeric) td.className = 'n';
  return td;
}

function rows(id, items, toCells, empty) {
  const body = document.getElementById(id);
  body.replaceChildren();
  if (!items || items.length === 0) {
    const tr = document.createElement('tr');
    const td = cell(items ? empty : 'source unavailable');
    td.colSpan = 8;
    td.className = 'muted';
    tr.append(td);
    body.append(tr);
    return;
  }
  for (const item of items) {
    const tr = document.createElement('tr');
    tr.append(...toCells(item));
    body.append(tr);
  }
}

const css = getComputedStyle(document.documentElement);
const axisColor = css.getPropertyValue('--muted').trim() || '#8b95a7';
const ingestChart = echarts.init(document.getElementById('ingest-chart'), null, {renderer: 'canvas'});
ingestChart.setOption({
  animation: false,
  grid: {left: 56, right: 16, top: 16, bottom: 32},
  tooltip: {trigger: 'axis', valueFormatter: (v) => v === null ? '—' : RATE.format(v) + ' CDRs/s'},
  xAxis: {type: 'time', axisLabel: {color: axisColor,
    formatter: (v) => new Intl.DateTimeFormat('en-GB', {timeZone: 'Pacific/Noumea', hour: '2-digit', minute: '2-digit', second: '2-digit'}).format(new Date(v))}},
  yAxis: {type: 'value', min: 0, axisLabel: {color: axisColor}, splitLine: {lineStyle: {color: '#2a3342'}}},
  series: [{name: 'ingest', type: 'line', showSymbol: false, connectNulls: false, areaStyle: {opacity: 0.15}, data: []}],
});
const pie = (id, title) => {
  const chart = echarts.init(document.getElementById(id));
  chart.setOption({
    animation: false,
    title: {text: title, left: 'center', textStyle: {color: axisColor, fontSize: 12, fontWeight: 'normal'}},
    tooltip: {trigger: 'item', valueFormatter: xpf},
    series: [{type: 'pie', radius: ['40%', '68%'], top: 18, label: {color: axisColor}, data: []}],
  });
  return chart;
};
const channelChart = pie('by-channel-chart', 'revenue by channel');
const methodChart = pie('by-method-chart', 'revenue by payment method');
window.addEventListener('resize', () => [ingestChart, channelChart, methodChart].forEach((c) => c.resize()));

function sumBy(lines, key) {
  const sums = new Map();
  for (const line of lines) {
    const entry = sums.get(line[key]) || {orders: 0, revenue: 0};
    entry.orders += line.orders;
    entry.revenue += line.revenueMinor;
    sums.set(line[key], entry);
  }
  return [...sums.entries()].map(([name, v]) => ({name, orders: v.orders, value: v.revenue}));
}

// Tiles are kept and updated in place, so that a change of colour is a transition, not a new element.
function renderHealth(parts) {
  const strip = document.getElementById('health');
  for (const part of parts) {
    let tile = strip.querySelector(`.part[data-part="${part.name}"]`);
    if (!tile) {
      tile = document.createElement('div');
      tile.className = 'part';
      tile.dataset.part = part.name;
      tile.append(document.createElement('strong'), document.createElement('span'));
      tile.firstChild.textContent = part.name;
      strip.append(tile);
    }
    tile.dataset.status = part.status;
    tile.lastChild.textContent = part.detail;
  }
}

function renderPipeline(pipeline) {
  text('ingest-rate', pipeline.ingestPerSecond === null ? '—' : RATE.format(pipeline.ingestPerSecond));
  const c = pipeline.counters;
  text('cdr-received', count(c && c.received));
  text('cdr-accepted', count(c && c.accepted));
  text('cdr-duplicates', count(c && c.duplicates));
  text('cdr-rejected', count(c && c.rejected));
  ingestChart.setOption({series: [{data: pipeline.ingestHistory.map((p) => [p.at, p.perSecond])}]});
  rows('lag-rows', pipeline.lag, (l) => [cell(l.group), cell(l.topic), cell(l.partition, true),
    cell(count(l.records), true), cell(seconds(l.seconds), true)], 'no consumer group yet');
  rows('rejected-reasons', c ? Object.entries(c.rejectedByReason) : null,
      ([reason, n]) => [cell(reason), cell(count(n), true)], 'nothing rejected');
  rows('rejected-latest', pipeline.latestRejected, (r) => [cell(noumea(r.at)), cell(r.reason || '—'),
    cell((r.sourceTopic || r.topic) + ' p' + (r.sourcePartition ?? r.partition) + ' @' + (r.sourceOffset ?? r.offset)),
    cell(r.preview)], 'nothing rejected recently');
}

function renderBusiness(sales) {
  text('business-day', sales ? sales.day + ', Nouméa' : '');
  text('revenue-today', xpf(sales && sales.revenueMinor));
  text('orders-today', count(sales && sales.orders));
  text('awaiting-payment', sales ? count(sales.awaitingPayment) + ' (' + xpf(sales.awaitingPaymentMinor) + ')' : '—');
  const lines = sales ? sales.lines : null;
  rows('by-kind', lines && sumBy(lines, 'kind'), (k) => [cell(k.name), cell(count(k.orders), true),
    cell(xpf(k.value), true)], 'nothing sold yet today');
  channelChart.setOption({series: [{data: lines ? sumBy(lines, 'channel') : []}]});
  methodChart.setOption({series: [{data: lines ? sumBy(lines, 'paymentMethod') : []}]});
}

function renderLifecycle(lifecycle) {
  text('expiring-window', lifecycle ? 'next ' + lifecycle.windowHours + ' hours' : '');
  text('expiring-count', count(lifecycle && lifecycle.count));
  rows('expiring-rows', lifecycle && lifecycle.soonest, (s) => [cell(noumea(s.validUntil)), cell(s.iccid),
    cell(s.planCode), cell(s.autoRenew ? 'yes' : 'no')], 'none in the window');
}

function renderNotifications(n) {
  rows('notification-rows', n && n.channels, (c) => [cell(c.channel), cell(count(c.sent), true),
    cell(count(c.delivered), true), cell(count(c.failed), true), cell(count(c.expired), true), cell(count(c.deferred), true),
    cell(count(c.suppressed), true)], 'no message today');
  text('queue-depth', count(n && n.queueDepth));
  text('smpp-link', n ? (n.smppLinkUp ? 'bound' : 'down') : '—');
}

let lastSnapshotAt = 0;

function render(snapshot) {
  lastSnapshotAt = Date.now();
  const freshness = document.getElementById('freshness');
  freshness.dataset.state = 'live';
  freshness.textContent = 'live · ' + noumea(snapshot.at);
  renderHealth(snapshot.health);
  renderPipeline(snapshot.pipeline);
  renderBusiness(snapshot.business);
  renderLifecycle(snapshot.lifecycle);
  renderNotifications(snapshot.notifications);
}

// The console itself unreachable: say so, and let every tile go grey rather than keep a stale green.
setInterval(() => {
  if (lastSnapshotAt && Date.now() - lastSnapshotAt > STALE_AFTER_MS) {
    const freshness = document.getElementById('freshness');
    freshness.dataset.state = 'stale';
    freshness.textContent = 'no figures for ' + Math.round((Date.now() - lastSnapshotAt) / 1000) + ' s';
    document.querySelectorAll('.part').forEach((tile) => { tile.dataset.status = 'UNKNOWN'; });
  }
}, 1000);

const stream = new EventSource('/api/v1/console/stream');
stream.onmessage = (event) => render(JSON.parse(event.data));
stream.onerror = async () => {
  // EventSource retries by itself; a session that ended (401/403) goes back to the sign-in page.
  const check = await fetch('/api/v1/console/snapshot').catch(() => null);
  if (check && (check.status === 401 || check.status === 403)) window.location.assign('/');
};

document.getElementById('sign-out').addEventListener('click', async () => {
  await fetch('/api/v1/console/session', {method: 'DELETE'});
  window.location.assign('/');
});
