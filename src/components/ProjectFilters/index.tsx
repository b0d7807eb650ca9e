import { useEffect, useState } from 'react';
import { Input, ScrollView, Text, View } from '@tarojs/components';
import type { CampaignView, Domain, ProjectSort } from '@domain/api';
import type { ProjectFilters as Filters } from '@/stores/projects';
import './index.scss';

const SORTS: Array<{ key: ProjectSort; label: string }> = [
  { key: 'hot', label: '热门' },
  { key: 'progress', label: '进度' },
  { key: 'new', label: '最新' },
];

interface Props {
  /** The campaign's domains (tabs); a project's `domain` holds a domain id. */
  domains: CampaignView['domains'];
  filters: Filters;
  total: number;
  onChange: (patch: Partial<Filters>) => void;
}

export default function ProjectFilters({ domains, filters, total, onChange }: Props) {
  const [q, setQ] = useState(filters.q);
  // Search as the user types, but only after a pause (one request, not one per key).
  useEffect(() => {
    if (q === filters.q) return;
    const t = setTimeout(() => onChange({ q }), 400);
    return () => clearTimeout(t);
  }, [q, filters.q, onChange]);

  // The wire type still enumerates one campaign's domains; the ids come from the campaign itself.
  const tabs: Array<{ key: Domain | null; label: string }> = [
    { key: null, label: '全部' },
    ...domains.map((d) => ({ key: d.id as Domain, label: d.name })),
  ];
  return (
    <View className="project-filters">
      <ScrollView scrollX className="project-filters__tabs" enhanced showScrollbar={false}>
        {tabs.map((t) => (
          <View
            key={t.label}
            className={`domain-tab ${filters.domain === t.key ? 'domain-tab--active' : ''}`}
            data-domain={t.key ?? ''}
            onClick={() => onChange({ domain: t.key })}
          >
            {t.label}
          </View>
        ))}
      </ScrollView>
      <View className="project-filters__row">
        <Input
          className="search-input"
          type="text"
          value={q}
          placeholder="搜索项目、机构、区县"
          confirmType="search"
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={(e) => onChange({ q: e.detail.value })}
        />
        {SORTS.map((s) => (
          <Text
            key={s.key}
            className={`sort-option ${filters.sort === s.key ? 'sort-option--active' : ''}`}
            data-sort={s.key}
            onClick={() => onChange({ sort: s.key })}
          >
            {s.label}
          </Text>
        ))}
      </View>
      <View className="project-filters__total">共 {total} 个项目</View>
    </View>
  );
}
