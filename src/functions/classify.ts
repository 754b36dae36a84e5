// FUNDING functions for this capability are added here.
export {};
