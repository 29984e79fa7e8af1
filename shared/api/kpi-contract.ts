/** The KPI dashboard and the collection forecast (issue 6). */
export const kpiContract = {} as const;
