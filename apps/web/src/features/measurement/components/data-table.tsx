import { type ReactNode, useId } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** The row's name: rendered as a row header. */
  isRowHeader?: boolean;
}

/** A table with a caption in a scroll box that keyboard users can scroll (it takes focus). */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  testId,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T, i: number) => string;
  testId?: string;
}) {
  const id = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-scroll" aria-labelledby={`${id}-caption`} tabIndex={0} data-testid={testId}>
      <table className="case-table">
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              {columns.map((c) =>
                c.isRowHeader ? (
                  <th key={c.header} scope="row">
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.header}>{c.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A link that downloads one of the report's tables as CSV (the server writes it). */
export function CsvLink({ href, label, table }: { href: string; label: string; table: string }) {
  return (
    <a className="button button--secondary button--small" href={href} download data-testid={`csv-${table}`}>
      {label}
    </a>
  );
}
