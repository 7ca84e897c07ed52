import { describe, expect, it } from 'vitest'
import { forRegion, waterfallSpec } from '../../src/ui/charts/chart-specs'
import { regionalView } from '../../src/ui/state/region-pick'
import { cliSession } from '../session/session-helpers'

describe('the app’s region pick', () => {
  it('swaps in the region’s series, sectors and measure credits from the run, and greys the whole-area targets', () => {
    const { view } = cliSession('nanyang')
    const tongbai = view.regions.find((r) => r.regions[0] === '桐柏县')
    const r = regionalView(view, '桐柏县')
    expect(r.region).toBe('桐柏县')
    expect(r.view.scenario).toBe(tongbai?.scenario)
    expect(r.view.counterfactual).toBe(tongbai?.counterfactual)
    expect(r.view.sectors).toBe(tongbai?.sectors)
    r.view.measures.forEach((m, i) => expect(m.credited).toBe(tongbai?.credited[i]))
    // The plan's targets are set for the whole area: none applies to the county, all are listed as elsewhere.
    expect(r.view.targets).toEqual([])
    expect(r.elsewhere.map((t) => t.id)).toEqual(view.targets.map((t) => t.id))
    // What stays whole-area: the costs, the measures' identity and adoption.
    expect(r.view.costs).toBe(view.costs)
    expect(r.view.measures.map((m) => m.adoption)).toEqual(view.measures.map((m) => m.adoption))
    // The waterfall of the county ends at the county's emission, and its title names the county.
    const spec = forRegion(waterfallSpec(r.view, 'NOx', 'zh'), '桐柏县')
    expect(JSON.stringify(spec.layout.title)).toContain('桐柏县')
  })

  it('gives the run itself for the whole area or a region the run does not have', () => {
    const { view } = cliSession('nanyang')
    expect(regionalView(view, undefined)).toEqual({ view, elsewhere: [] })
    expect(regionalView(view, '西平县').view).toBe(view)
    const xiping = cliSession('xiping').view
    expect(regionalView(xiping, '西平县').view).toBe(xiping)
  })
})
