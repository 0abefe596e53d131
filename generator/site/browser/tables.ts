/**
 * Every page of the docs site: click a column header to sort, type in a table's filter box to keep
 * the rows that contain every word, and follow `#anchor` links to a row (highlighted by CSS
 * `:target`; a filter that hides the target is cleared). Reads and moves existing elements only.
 */

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function cellKey(row: HTMLTableRowElement, column: number): string {
  const cell = row.cells[column];
  return cell ? (cell.dataset.sort ?? cell.textContent ?? '').trim() : '';
}

function setupSort(table: HTMLTableElement): void {
  const body = table.tBodies[0];
  const headers = [...table.querySelectorAll<HTMLTableCellElement>('thead th')];
  if (!body) return;
  // Page order breaks ties, so sorting twice by one column is stable and reversible.
  [...body.rows].forEach((row, i) => (row.dataset.order = String(i)));
  headers.forEach((th, column) => {
    th.querySelector('button')?.addEventListener('click', () => {
      const descending = th.getAttribute('aria-sort') === 'ascending';
      for (const other of headers) other.setAttribute('aria-sort', 'none');
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      const numeric = th.dataset.type === 'number';
      // Keys read once per row, not once per comparison: the REST page sorts 2,000 rows.
      const keyed = [...body.rows].map((row) => ({ row, key: cellKey(row, column), order: Number(row.dataset.order) }));
      keyed.sort((a, b) => {
        const byKey = numeric ? Number(a.key) - Number(b.key) : collator.compare(a.key, b.key);
        return (descending ? -byKey : byKey) || a.order - b.order;
      });
      body.append(...keyed.map((k) => k.row));
    });
  });
}

function setupFilter(input: HTMLInputElement): void {
  const table = document.getElementById(input.dataset.filter ?? '');
  const body = table instanceof HTMLTableElement ? table.tBodies[0] : undefined;
  if (!body) return;
  const count = document.querySelector<HTMLOutputElement>(`output[data-count-for="${CSS.escape(table!.id)}"]`);
  const texts = new Map<HTMLTableRowElement, string>([...body.rows].map((row) => [row, (row.textContent ?? '').toLowerCase()]));
  const apply = () => {
    const words = input.value.toLowerCase().split(/\s+/).filter((w) => w !== '');
    let shown = 0;
    for (const [row, text] of texts) {
      row.hidden = !words.every((w) => text.includes(w));
      if (!row.hidden) shown++;
    }
    if (count) count.textContent = words.length === 0 ? `${texts.size} rows` : `${shown} of ${texts.size} rows`;
  };
  input.addEventListener('input', apply);
  // A browser may restore the box's text on back/forward navigation.
  if (input.value !== '') apply();
}

function revealTarget(): void {
  let id = '';
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch {
    return;
  }
  const target = id === '' ? null : document.getElementById(id);
  if (!(target instanceof HTMLTableRowElement)) return;
  if (target.hidden) {
    const table = target.closest('table');
    const input = table ? document.querySelector<HTMLInputElement>(`input[data-filter="${CSS.escape(table.id)}"]`) : null;
    if (input) {
      input.value = '';
      input.dispatchEvent(new Event('input'));
    }
  }
  target.scrollIntoView({ block: 'center' });
}

for (const table of document.querySelectorAll<HTMLTableElement>('table[data-sortable]')) setupSort(table);
for (const input of document.querySelectorAll<HTMLInputElement>('input[data-filter]')) setupFilter(input);
window.addEventListener('hashchange', revealTarget);
revealTarget();
