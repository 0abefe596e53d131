/**
 * explorer.html: reads the query box (and `#q=` / `?q=`), asks `Answers` and shows its cards. Page
 * text reaches the DOM only through `dom.ts` (text nodes).
 */
import { h } from './dom.ts';
import { Answers, FEATURES, fn, type Card, type PackageModules } from './answers.ts';
import { SiteIndex } from './site-index.ts';

export function startExplorer(pkg: PackageModules): void {
  const input = document.getElementById('query');
  const results = document.getElementById('results');
  if (!(input instanceof HTMLInputElement) || !results) return;
  const answers = new Answers(pkg, SiteIndex.fromPage('site-index'));

  const show = (query: string) => {
    results.replaceChildren(...answers.answer(query).map(renderCard));
    try {
      history.replaceState(null, '', query.trim() === '' ? location.pathname + location.search : `#q=${encodeURIComponent(query.trim())}`);
    } catch {
      // Some browsers refuse history changes for file:// pages; the answer is shown all the same.
    }
  };
  const ask = (query: string) => {
    input.value = query;
    show(query);
    input.focus();
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => show(input.value), 60);
  });
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest<HTMLElement>('button[data-example]') : null;
    if (button) ask(button.dataset.example ?? '');
  });

  const features = document.getElementById('features');
  if (features) {
    const have = FEATURES.filter(([ns, name]) => fn(pkg[ns], name) !== undefined || Array.isArray(pkg[ns][name]));
    const lack = FEATURES.filter((f) => !have.includes(f));
    features.replaceChildren(
      'Answered by token-permissions: ',
      ...have.map(([ns, name]) => h('code', { 'data-feature': name, title: `token-permissions/${ns}` }, name)),
      ...(lack.length > 0 ? [' · not in this build: ', ...lack.map(([ns, name]) => h('code', { 'data-feature': name, 'data-missing': '', title: `token-permissions/${ns}` }, name))] : []),
    );
  }

  // A link to another query (`#q=…`) on this page changes only the hash.
  window.addEventListener('hashchange', () => {
    const query = initialQuery();
    if (query !== '' && query !== input.value) ask(query);
  });

  input.disabled = false;
  const initial = initialQuery();
  if (initial !== '') ask(initial);
  else input.focus();
}

function initialQuery(): string {
  try {
    const hash = /^#q=(.*)$/.exec(location.hash);
    if (hash) return decodeURIComponent(hash[1]!);
    return new URLSearchParams(location.search).get('q') ?? '';
  } catch {
    return '';
  }
}

function renderCard(card: Card): HTMLElement {
  return h(
    'article',
    { class: `card ${card.tone}`, 'data-card': card.id },
    h('header', {}, h('span', { class: 'provider' }, card.provider), h('h2', {}, card.title), h('span', { class: 'verdict' }, card.verdict)),
    h('dl', {}, ...card.rows.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)])),
  );
}
