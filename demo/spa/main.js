// The single-page version of the demo shop: otel-browser imported from npm (here: this repository's
// ESM build) and bundled by rollup with the app (see demo/spa/build.mjs).
import { trace } from '@opentelemetry/api';
import { init } from 'otel-browser';

const { api, tracesUrl } = window.DEMO;
init({ endpoint: tracesUrl, serviceName: 'shop-spa', serviceVersion: '1.0.0', environment: 'demo', propagateTo: [api] });

const tracer = trace.getTracer('demo-spa');
const view = document.getElementById('view');
const log = document.getElementById('log');
const done = (step, text) => {
  log.textContent += `${text}\n`;
  log.dataset.done += ` ${step}`;
};
const button = (id, text, onClick) => Object.assign(document.createElement('button'), { id, textContent: text, onclick: onClick });

/** The request runs inside the click's span, so its CLIENT span (and the backend's) join that trace. */
function inClickSpan(name, work) {
  tracer.startActiveSpan(`click: ${name}`, (span) => {
    work()
      .catch((error) => done(name, `failed: ${error}`))
      .finally(() => span.end());
  });
}

function catalog() {
  const list = document.createElement('ul');
  view.replaceChildren(
    button('load', 'Load products (fetch)', () =>
      inClickSpan('load', async () => {
        const { products, traceparent } = await (await fetch(`${api}/api/products`)).json();
        list.replaceChildren(...products.map((p) => Object.assign(document.createElement('li'), { textContent: `${p.name}: $${p.price}` })));
        done('load', `fetch GET /api/products: the API received traceparent ${traceparent}`);
      }),
    ),
    list,
  );
}

function cart() {
  view.replaceChildren(
    button('add', 'Reserve a rain jacket (XHR)', () =>
      inClickSpan(
        'add',
        () =>
          new Promise((resolve, reject) => {
            const xhr = new XMLHttpRequest();
            xhr.open('POST', `${api}/api/cart`);
            xhr.setRequestHeader('Content-Type', 'application/json');
            xhr.onload = () => {
              const body = JSON.parse(xhr.responseText);
              done('add', `XHR POST /api/cart: reserved=${body.reserved}; the API received traceparent ${body.traceparent}`);
              resolve();
            };
            xhr.onerror = () => reject(new Error('XHR failed'));
            xhr.send(JSON.stringify({ id: 'p-2' }));
          }),
      ),
    ),
  );
}

function render() {
  (location.pathname.startsWith('/spa/cart') ? cart : catalog)();
}

document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[data-route]');
  if (!link) return;
  event.preventDefault();
  history.pushState(null, '', link.href);
  render();
});
window.addEventListener('popstate', render);
render();
