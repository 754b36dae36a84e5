import * as React from "react";
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  makeStyles,
  tokens,
  type Theme,
} from "@fluentui/react-components";
import { RegisterView } from "./views/register/RegisterView";
import { EditedCellsProvider } from "./components/EditedCellsDialog";

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    display: "flex",
    flexDirection: "column",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: { padding: "8px 12px 0", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  title: {
    margin: "4px 0 4px",
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  // Excel's task pane is about 350 px wide: let the four tabs wrap rather than overflow.
  tabs: { flexWrap: "wrap" },
  main: { padding: "12px", flexGrow: 1 },
  loading: { padding: "24px 0", display: "flex", justifyContent: "flex-start" },
});

export type ViewId = "register" | "costs" | "evaluation" | "settings";

const VIEWS: { id: ViewId; label: string }[] = [
  { id: "register", label: "Funding register" },
  { id: "costs", label: "Cost recovery" },
  { id: "evaluation", label: "Evaluation" },
  { id: "settings", label: "Settings" },
];

type LazyViewId = Exclude<ViewId, "register">;
type ViewModule = { default: React.ComponentType };

/**
 * The views not shown at start-up are loaded the first time their tab is chosen (or hovered or
 * focused, so the code is usually there by the time it is clicked). Each is its own chunk in
 * dist/lazy/, fetched from the folder taskpane.js came from (webpack's automatic publicPath), which
 * keeps the start-up script within its 250 KB gzipped budget (test/browser/budgets.test.ts).
 * The funding register is the view shown at start-up, so it stays in the start-up script.
 */
const LOADERS: Record<LazyViewId, () => Promise<ViewModule>> = {
  costs: () =>
    import("./views/cost-recovery/CostRecoveryView").then((m) => ({ default: m.CostRecoveryView })),
  evaluation: () =>
    import("./views/evaluation/EvaluationView").then((m) => ({ default: m.EvaluationView })),
  settings: () =>
    import("./views/settings/SettingsView").then((m) => ({ default: m.SettingsView })),
};

/** One React.lazy per view, made again only after a failed load, so "Try again" fetches afresh. */
const lazyViews = new Map<LazyViewId, React.LazyExoticComponent<React.ComponentType>>();
function lazyView(id: LazyViewId): React.LazyExoticComponent<React.ComponentType> {
  let view = lazyViews.get(id);
  if (!view) {
    view = React.lazy(LOADERS[id]);
    lazyViews.set(id, view);
  }
  return view;
}

/** Start fetching a view's code ahead of need; a failure here shows when the view is opened. */
function preload(id: ViewId): void {
  if (id !== "register") LOADERS[id]().catch(() => undefined);
}

function ViewLoading({ label }: { label: string }) {
  const styles = useStyles();
  return (
    <div className={styles.loading} role="status">
      <Spinner size="small" label={`Loading ${label}...`} labelPosition="after" />
    </div>
  );
}

/** When a view's code cannot be fetched (e.g. the connection dropped): say so and offer a retry. */
class ViewLoadBoundary extends React.Component<
  { label: string; onRetry: () => void; children: React.ReactNode },
  { failed: boolean }
> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <MessageBar intent="error" role="alert">
        <MessageBarBody>
          {this.props.label} could not be loaded. Check your connection, then try again.
        </MessageBarBody>
        <MessageBarActions>
          <Button
            onClick={() => {
              this.props.onRetry();
              this.setState({ failed: false });
            }}
          >
            Try again
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
}

function LazyView({ id, label }: { id: LazyViewId; label: string }) {
  const [attempt, setAttempt] = React.useState(0);
  const View = lazyView(id);
  return (
    <ViewLoadBoundary
      key={attempt}
      label={label}
      onRetry={() => {
        lazyViews.delete(id);
        setAttempt((a) => a + 1);
      }}
    >
      <React.Suspense fallback={<ViewLoading label={label} />}>
        <View />
      </React.Suspense>
    </ViewLoadBoundary>
  );
}

export function App({ theme, initialView = "register" }: { theme: Theme; initialView?: ViewId }) {
  const styles = useStyles();
  const [view, setView] = React.useState<ViewId>(initialView);
  const current = VIEWS.find((v) => v.id === view) ?? VIEWS[0];
  return (
    // The layout style sits on an inner div, not on FluentProvider: Fluent copies the provider's
    // className onto the layers it mounts for pop-ups (drop-downs, dialogs), and a full-height
    // white layer there covered the pane and swallowed mouse clicks on Classify.
    <FluentProvider theme={theme}>
      <div className={styles.root}>
        <header className={styles.header}>
          <h1 className={styles.title}>Funding Toolkit</h1>
          <TabList
            selectedValue={view}
            onTabSelect={(_, d) => setView(d.value as ViewId)}
            aria-label="Funding Toolkit views"
            size="small"
            className={styles.tabs}
          >
            {VIEWS.map((v) => (
              <Tab
                key={v.id}
                value={v.id}
                id={`tab-${v.id}`}
                onMouseEnter={() => preload(v.id)}
                onFocus={() => preload(v.id)}
              >
                {v.label}
              </Tab>
            ))}
          </TabList>
        </header>
        {/* Any workflow below may ask about cells the user changed since the add-in wrote them. */}
        <EditedCellsProvider>
          <main className={styles.main} role="tabpanel" aria-labelledby={`tab-${view}`}>
            {current.id === "register" ? (
              <RegisterView />
            ) : (
              <LazyView key={current.id} id={current.id} label={current.label} />
            )}
          </main>
        </EditedCellsProvider>
      </div>
    </FluentProvider>
  );
}
