/** The benchmark report's arithmetic: ratios against goals and baselines, verdicts, percentiles. */
import { formatFigure } from '../../bench/run';
import { percentile } from '../../bench/support';

describe('formatFigure', () => {
  test('a goal on the lower side: ratio and verdict', () => {
    expect(formatFigure({ name: 'parse', value: 25, unit: 'ms/page', versus: { kind: 'goal', value: 50, label: 'goal', better: 'lower' } })).toBe(
      'parse: 25 ms/page  ratio 0.50× vs goal 50 ms/page met (lower is better)',
    );
    expect(formatFigure({ name: 'parse', value: 75, unit: 'ms/page', versus: { kind: 'goal', value: 50, label: 'goal', better: 'lower' } })).toContain('ratio 1.50× vs goal 50 ms/page MISSED');
  });

  test('a goal on the higher side', () => {
    expect(formatFigure({ name: 'download', value: 40, unit: 'MiB/s', versus: { kind: 'goal', value: 50, label: 'goal', better: 'higher' } })).toContain('ratio 0.80× vs goal 50 MiB/s MISSED');
  });

  test('a baseline gets a ratio but no verdict; a zero goal gets no ratio', () => {
    const line = formatFigure({ name: 'p50', value: 9, unit: 'ms', versus: { kind: 'baseline', value: 3, label: 'bare p50', better: 'lower' }, note: '300 calls' });
    expect(line).toBe('p50: 9 ms  ratio 3× vs bare p50 3 ms (lower is better)  [300 calls]');
    expect(formatFigure({ name: 'throttled', value: 1, unit: 'responses', versus: { kind: 'goal', value: 0, label: 'goal', better: 'lower' } })).toContain('ratio n/a vs goal 0 responses MISSED');
    expect(formatFigure({ name: 'throttled', value: 0, unit: 'responses', versus: { kind: 'goal', value: 0, label: 'goal', better: 'lower' } })).toContain(' met ');
  });
});

describe('percentile', () => {
  test('nearest rank on sorted values', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});
