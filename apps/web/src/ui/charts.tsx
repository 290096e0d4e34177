import { Bar } from './components';

/**
 * A horizontal bar chart in SVG that stays readable at any width: the bars are sized in percent of the width,
 * the text keeps the page's own size, and each label stands above its bar (label left, figure right), so a
 * 360 px phone shows it as well as a desk. Like BarChart, it is described for screen readers by the table it is
 * drawn from, which follows it (visually hidden).
 */
export function FluidBarChart({ title, bars, format, legend }: { title: string; bars: Bar[]; format: (value: number) => string; legend?: [string, string] }) {
  const max = Math.max(1, ...bars.flatMap((bar) => [bar.value, bar.compare ?? 0]));
  const row = legend ? 52 : 40;
  const percent = (value: number) => `${Math.max(0.4, (value / max) * 100)}%`;
  return (
    <figure className="chart chart--fluid">
      <figcaption>{title}</figcaption>
      {legend && (
        <p className="chart__legend" aria-hidden="true">
          <span className="swatch swatch--a" /> {legend[0]} <span className="swatch swatch--b" /> {legend[1]}
        </p>
      )}
      <svg width="100%" height={bars.length * row} role="img" aria-label={title}>
        {bars.map((bar, index) => {
          const y = index * row;
          return (
            <g key={bar.label}>
              <text x="0" y={y + 14} className="chart__label">
                {bar.label}
              </text>
              <text x="100%" y={y + 14} textAnchor="end" className="chart__value">
                {bar.compare === undefined ? format(bar.value) : `${format(bar.value)} / ${format(bar.compare)}`}
              </text>
              <rect x="0" y={y + 20} width={percent(bar.value)} height="12" className="chart__bar" />
              {bar.compare !== undefined && <rect x="0" y={y + 34} width={percent(bar.compare)} height="8" className="chart__bar chart__bar--compare" />}
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        {legend && (
          <thead>
            <tr>
              <td />
              <th scope="col">{legend[0]}</th>
              <th scope="col">{legend[1]}</th>
            </tr>
          </thead>
        )}
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td>{format(bar.value)}</td>
              {bar.compare !== undefined && <td>{format(bar.compare)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
