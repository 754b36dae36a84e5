import * as React from "react";
export function SettingsView() {
  return <p>Settings</p>;
}
