import * as React from "react";
import {
  FluentProvider,
  Tab,
  TabList,
  makeStyles,
  tokens,
  type Theme,
} from "@fluentui/react-components";
import { RegisterView } from "./views/register/RegisterView";
import { CostRecoveryView } from "./views/cost-recovery/CostRecoveryView";
import { EvaluationView } from "./views/evaluation/EvaluationView";
import { SettingsView } from "./views/settings/SettingsView";
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
});

export type ViewId = "register" | "costs" | "evaluation" | "settings";

const VIEWS: { id: ViewId; label: string }[] = [
  { id: "register", label: "Funding register" },
  { id: "costs", label: "Cost recovery" },
  { id: "evaluation", label: "Evaluation" },
  { id: "settings", label: "Settings" },
];

export function App({ theme, initialView = "register" }: { theme: Theme; initialView?: ViewId }) {
  const styles = useStyles();
  const [view, setView] = React.useState<ViewId>(initialView);
  return (
    <FluentProvider theme={theme} className={styles.root}>
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
            <Tab key={v.id} value={v.id} id={`tab-${v.id}`}>
              {v.label}
            </Tab>
          ))}
        </TabList>
      </header>
      {/* Any workflow below may ask about cells the user changed since the add-in wrote them. */}
      <EditedCellsProvider>
        <main className={styles.main} role="tabpanel" aria-labelledby={`tab-${view}`}>
          {view === "register" && <RegisterView />}
          {view === "costs" && <CostRecoveryView />}
          {view === "evaluation" && <EvaluationView />}
          {view === "settings" && <SettingsView />}
        </main>
      </EditedCellsProvider>
    </FluentProvider>
  );
}
