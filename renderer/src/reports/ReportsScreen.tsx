import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgingReportView } from './AgingReportView';
import { NotesExportForm } from './NotesExportForm';

type ReportTab = 'notes' | 'aging';

/** Reports: the portfolio-notes export and the aging report. Both stay mounted, so a running export survives a tab switch. */
export function ReportsScreen({ asOf }: { asOf: string }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<ReportTab>('notes');
  // The aging report is read when its tab is first opened, and kept from then on.
  const [agingOpened, setAgingOpened] = useState(false);
  return (
    <Box component="section" aria-labelledby="reports-title" sx={{ flex: 1, minHeight: 0, overflow: 'auto', p: 2, display: 'grid', gap: 2, alignContent: 'start' }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2 }}>
        <Typography variant="h1" id="reports-title">
          {t('reports.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('reports.subtitle')}
        </Typography>
      </Box>
      <Tabs
        value={tab}
        onChange={(_event, next: ReportTab) => {
          setTab(next);
          if (next === 'aging') setAgingOpened(true);
        }}
        aria-label={t('reports.title')}
        sx={{ borderBottom: 1, borderColor: 'divider' }}
      >
        <Tab value="notes" label={t('reports.tabs.notes')} id="reports-tab-notes" aria-controls="reports-panel-notes" />
        <Tab value="aging" label={t('reports.tabs.aging')} id="reports-tab-aging" aria-controls="reports-panel-aging" />
      </Tabs>
      <Box role="tabpanel" id="reports-panel-notes" aria-labelledby="reports-tab-notes" hidden={tab !== 'notes'}>
        <NotesExportForm key={asOf} asOf={asOf} />
      </Box>
      <Box role="tabpanel" id="reports-panel-aging" aria-labelledby="reports-tab-aging" hidden={tab !== 'aging'}>
        {agingOpened && <AgingReportView key={asOf} asOf={asOf} />}
      </Box>
    </Box>
  );
}
