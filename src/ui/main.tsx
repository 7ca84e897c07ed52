import '../worker/zod-jitless'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { preloadPlotly } from './charts/plotly-chart'
import './styles.css'

const root = document.getElementById('root')
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
// Fetch and compile Plotly while the worker loads the library and the plan, not after the first result.
void preloadPlotly()
