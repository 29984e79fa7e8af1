import ArrowDropDown from '@mui/icons-material/ArrowDropDown';
import Check from '@mui/icons-material/Check';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import type { ParseKeys, TFunction } from 'i18next';
import { memo, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { WorklistFacetsSchema } from '../../../shared/api/schemas';
import { RISK_CLASS_LABEL_KEYS } from '../common/labels';
import { activeFilterCount, toggleFlag, toggleListValue, type FlagFilterKey, type ListFilterKey, type WorklistFilters, without } from './filters';

type Facets = z.output<typeof WorklistFacetsSchema>;

interface Option {
  readonly value: string;
  readonly label: string;
}

interface ListFilterSpec {
  readonly key: ListFilterKey;
  readonly label: string;
  /** The chip's spoken name ("Filter by currency"), a phrase of its own so each language can word it. */
  readonly filterBy: string;
  readonly options: readonly Option[];
}

const FLAG_FILTERS: readonly { key: FlagFilterKey; label: ParseKeys }[] = [
  { key: 'hasBrokenPromise', label: 'worklist.filters.brokenPromise' },
  { key: 'hasDispute', label: 'worklist.filters.openDispute' },
  { key: 'followUpDue', label: 'worklist.filters.followUpDue' },
  { key: 'promiseDueSoon', label: 'worklist.filters.promiseDueSoon' },
];

function listSpecs(t: TFunction, facets: Facets | undefined): ListFilterSpec[] {
  return [
    {
      key: 'buckets',
      label: t('worklist.filters.bucket'),
      filterBy: t('worklist.filters.filterByBucket'),
      // The server's word for the not-yet-due bucket is English; the others are day ranges, or a label set in the settings.
      options: (facets?.buckets ?? []).map((b) => ({ value: b.key, label: b.key === 'current' && b.label === 'Current' ? t('worklist.filters.currentBucket') : b.label })),
    },
    {
      key: 'currencies',
      label: t('worklist.filters.currency'),
      filterBy: t('worklist.filters.filterByCurrency'),
      options: (facets?.currencies ?? []).map((c) => ({ value: c, label: c })),
    },
    {
      key: 'countries',
      label: t('worklist.filters.country'),
      filterBy: t('worklist.filters.filterByCountry'),
      options: (facets?.countries ?? []).map((c) => ({ value: c, label: c })),
    },
    {
      key: 'riskClasses',
      label: t('worklist.filters.risk'),
      filterBy: t('worklist.filters.filterByRisk'),
      options: (facets?.riskClasses ?? []).map((r) => ({ value: r, label: t(RISK_CLASS_LABEL_KEYS[r]) })),
    },
  ];
}

function ListFilter({
  spec,
  selected,
  onToggle,
  onClear,
  chipRef,
}: {
  spec: ListFilterSpec;
  selected: readonly string[];
  onToggle: (value: string) => void;
  onClear: () => void;
  chipRef?: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const chosen = spec.options.filter((option) => selected.includes(option.value));
  const summary =
    chosen.length === 0
      ? spec.label
      : t('worklist.filters.summary', {
          filter: spec.label,
          values: chosen.length <= 2 ? chosen.map((o) => o.label).join(', ') : t('worklist.filters.selectedCount', { count: chosen.length }),
        });
  const menuId = `filter-menu-${spec.key}`;
  return (
    <>
      <Chip
        ref={chipRef}
        label={summary}
        variant={chosen.length > 0 ? 'filled' : 'outlined'}
        color={chosen.length > 0 ? 'primary' : 'default'}
        onClick={(event) => {
          setAnchor(event.currentTarget);
        }}
        onDelete={
          chosen.length > 0
            ? onClear
            : undefined
        }
        deleteIcon={chosen.length > 0 ? undefined : <ArrowDropDown />}
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        aria-label={chosen.length > 0 ? t('worklist.filters.filterBySelected', { filter: spec.filterBy, count: chosen.length }) : spec.filterBy}
        data-filter={spec.key}
      />
      <Menu id={menuId} anchorEl={anchor} open={anchor !== null} onClose={() => { setAnchor(null); }} slotProps={{ list: { dense: true, 'aria-label': spec.label } }}>
        {spec.options.length === 0 && <MenuItem disabled>{t('worklist.filters.noValues')}</MenuItem>}
        {spec.options.map((option) => {
          const checked = selected.includes(option.value);
          return (
            <MenuItem
              key={option.value}
              role="menuitemcheckbox"
              aria-checked={checked}
              onClick={() => {
                onToggle(option.value);
              }}
            >
              <ListItemIcon>{checked && <Check fontSize="small" />}</ListItemIcon>
              <ListItemText>{option.label}</ListItemText>
            </MenuItem>
          );
        })}
      </Menu>
    </>
  );
}

interface FilterBarProps {
  readonly facets: Facets | undefined;
  readonly filters: WorklistFilters;
  readonly onChange: (filters: WorklistFilters) => void;
  readonly firstFilterRef: Ref<HTMLDivElement>;
}

/** Memoised: its props change with the filters and facets only, not with every selection move of the list beside it. */
export const FilterBar = memo(function FilterBar({ facets, filters, onChange, firstFilterRef }: FilterBarProps) {
  const { t } = useTranslation();
  const active = activeFilterCount(filters);
  return (
    <Box role="group" aria-label={t('worklist.filters.label')} sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
      {listSpecs(t, facets).map((spec, index) => (
        <ListFilter
          key={spec.key}
          spec={spec}
          selected={filters[spec.key] ?? []}
          onToggle={(value) => {
            onChange(toggleListValue(filters, spec.key, value));
          }}
          onClear={() => {
            onChange(without(filters, spec.key));
          }}
          chipRef={index === 0 ? firstFilterRef : undefined}
        />
      ))}
      {FLAG_FILTERS.map((flag) => {
        const on = filters[flag.key] === true;
        return (
          <Chip
            key={flag.key}
            label={t(flag.label)}
            variant={on ? 'filled' : 'outlined'}
            color={on ? 'primary' : 'default'}
            icon={on ? <Check /> : undefined}
            aria-pressed={on}
            role="button"
            onClick={() => {
              onChange(toggleFlag(filters, flag.key));
            }}
            data-filter={flag.key}
          />
        );
      })}
      {active > 0 && (
        <Button
          size="small"
          onClick={() => {
            onChange({});
          }}
        >
          {t('worklist.filters.clear', { n: active })}
        </Button>
      )}
    </Box>
  );
});
