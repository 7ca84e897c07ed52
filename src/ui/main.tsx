import '../zod-jitless'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { preloadPlotly } from './charts/plotly-chart'
import { startSimulatorEarly } from './simulator-client'
import './styles.css'

// Start the worker and its library load first: they take longest, and run on the other core while this thread
// renders the UI and evaluates Plotly (the app takes this client in its first effect; TOOLCHAIN.md on StrictMode).
startSimulatorEarly()
const root = document.getElementById('root')
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
// Fetch and compile Plotly while the worker loads the library and the plan, not after the first result.
void preloadPlotly()
