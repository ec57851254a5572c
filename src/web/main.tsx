/** The visualiser's shell: three views behind accessible tabs; each view stays mounted (and paused) when hidden. */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { LearnView } from './learn/LearnView.js';
import { MorphologyView } from './morphology/MorphologyView.js';
import { NetworkView } from './network/NetworkView.js';

const VIEWS = [
  { id: 'network', label: 'Network' },
  { id: 'morphology', label: 'Morphology' },
  { id: 'learning', label: 'Learning' },
] as const;
type ViewId = (typeof VIEWS)[number]['id'];

function initialView(): ViewId {
  const v = new URLSearchParams(location.search).get('view');
  return VIEWS.some((x) => x.id === v) ? (v as ViewId) : 'network';
}

function App() {
  const [view, setView] = useState<ViewId>(initialView);
  const [visited, setVisited] = useState<Set<ViewId>>(() => new Set([initialView()]));
  const select = (v: ViewId) => {
    setView(v);
    setVisited((s) => new Set([...s, v]));
  };
  const onTabKey = (e: KeyboardEvent) => {
    const k = VIEWS.findIndex((x) => x.id === view);
    const next = e.key === 'ArrowRight' ? (k + 1) % VIEWS.length : e.key === 'ArrowLeft' ? (k + VIEWS.length - 1) % VIEWS.length : -1;
    if (next >= 0) {
      select(VIEWS[next].id);
      document.getElementById(`tab-${VIEWS[next].id}`)?.focus();
    }
  };
  return (
    <>
      <header>
        <h1>Refract</h1>
        <nav role="tablist" aria-label="Views" onKeyDown={onTabKey}>
          {VIEWS.map((v) => (
            <button
              type="button"
              role="tab"
              id={`tab-${v.id}`}
              key={v.id}
              aria-selected={view === v.id}
              aria-controls={`panel-${v.id}`}
              tabIndex={view === v.id ? 0 : -1}
              onClick={() => select(v.id)}
            >
              {v.label}
            </button>
          ))}
        </nav>
        <span class="tagline">signals race along edges; a refractory node ignores them</span>
      </header>
      <main>
        {VIEWS.map((v) => (
          <div role="tabpanel" id={`panel-${v.id}`} aria-labelledby={`tab-${v.id}`} hidden={view !== v.id} key={v.id}>
            {visited.has(v.id) && v.id === 'network' && <NetworkView active={view === 'network'} />}
            {visited.has(v.id) && v.id === 'morphology' && <MorphologyView active={view === 'morphology'} />}
            {visited.has(v.id) && v.id === 'learning' && <LearnView />}
          </div>
        ))}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
