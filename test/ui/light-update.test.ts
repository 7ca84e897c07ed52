import { describe, expect, it } from 'vitest'
import type { ChartSpec } from '../../src/ui/charts/chart-specs'
import { dataOf, lightFrame, shapeOf } from '../../src/ui/charts/light-update'

const line = (y: number[], extra: Record<string, unknown> = {}) => ({ type: 'scatter', mode: 'lines', x: [1, 2, 3], y, ...extra })
const bar = (y: number[]) => ({ type: 'bar', x: [1, 2, 3], y })
const spec = (data: object[], layout: object = {}): ChartSpec => ({ data, layout }) as ChartSpec

describe("Plotly's light update (src/ui/charts/light-update.ts)", () => {
  it('applies when only data arrays moved, not when layout, styles or trace types differ', () => {
    const a = spec([line([1, 2, 3]), line([1, 1, 1], { fill: 'tonexty' })], { title: { text: 'NOx' } })
    const moved = spec([line([1, 2, 3]), line([1, 0.5, 1], { fill: 'tonexty' })], { title: { text: 'NOx' } })
    expect(shapeOf(a, 340)).toBe(shapeOf(moved, 340))
    expect(shapeOf(a, 340)).not.toBe(shapeOf(a, 460))
    expect(shapeOf(spec(a.data, { title: { text: 'VOCs' } }), 340)).not.toBe(shapeOf(a, 340))
    expect(shapeOf(spec([line([1, 2, 3], { line: { color: 'red' } })]), 340)).not.toBe(shapeOf(spec([line([1, 2, 3])]), 340))
    expect(shapeOf(spec([{ type: 'waterfall', x: [1], y: ['a'] }]), 340)).toBeUndefined()
  })

  it('redraws the traces that moved and the fill drawn against them', () => {
    const drawn = spec([line([9, 9, 9]), line([5, 5, 5], { fill: 'tonexty' }), line([7], { mode: 'markers' })])
    const scenarioMoved = spec([line([9, 9, 9]), line([5, 4, 5], { fill: 'tonexty' }), line([7], { mode: 'markers' })])
    expect(lightFrame(scenarioMoved, dataOf(drawn))).toEqual({ data: [{ x: [1, 2, 3], y: [5, 4, 5] }], traces: [1] })
    // The counterfactual moved: the scenario's fill down to it must be drawn again too.
    const baseMoved = spec([line([9, 8, 9]), line([5, 5, 5], { fill: 'tonexty' }), line([7], { mode: 'markers' })])
    expect(lightFrame(baseMoved, dataOf(drawn)).traces).toEqual([0, 1])
  })

  it('redraws every bar once one bar moved, stacked or not', () => {
    const ys = [
      [1, 1, 1],
      [2, 2, 2],
      [3, 3, 3],
      [4, 4, 4],
    ]
    const drawn = spec(ys.map(bar), { barmode: 'stack' })
    const moved = spec(
      ys.map((y, i) => bar(i === 1 ? [2, 1.5, 2] : y)),
      { barmode: 'stack' },
    )
    expect(lightFrame(moved, dataOf(drawn)).traces).toEqual([0, 1, 2, 3])
    expect(lightFrame(spec(moved.data, {}), dataOf(spec(drawn.data, {}))).traces).toEqual([0, 1, 2, 3])
    // Lines next to bars are redrawn only when they moved.
    const mixed = spec([bar([1, 1, 1]), line([2, 2, 2])])
    expect(lightFrame(spec([bar([1, 0, 1]), line([2, 2, 2])]), dataOf(mixed)).traces).toEqual([0])
    expect(lightFrame(spec([bar([1, 1, 1]), line([2, 3, 2])]), dataOf(mixed)).traces).toEqual([1])
  })
})
