import {
  ChartColumn,
  Columns3,
  Download,
  Ellipsis,
  Gauge,
  PanelLeft,
  Presentation,
  ShieldCheck,
  SquarePen,
  Upload,
} from 'lucide-react';
import { lazy, useState } from 'react';
import { openCompare, useCompareDialog } from '../features/compare/compareDialog';
import { useImportChats } from '../features/conversations/ImportChats';
import { ModelButton } from '../features/models/ModelButton';
import { startPresentation } from '../features/presentation/startPresentation';
import { NetworkStatus } from '../features/privacy/NetworkStatus';
import { SavingNote } from './SavingNote';
import { newChat } from '../store/actions/conversations';
import { useChatStore } from '../store/chatStore';
import { IconButton } from '../ui/IconButton';
import { LazyOnOpen } from '../ui/LazyOnOpen';
import { Menu } from '../ui/Menu';

// The menu's dialogs load when first opened: none of them is needed to type a message.
const BenchmarkDialog = lazy(() =>
  import('../features/benchmark/BenchmarkDialog').then((m) => ({ default: m.BenchmarkDialog })),
);
const CompareDialog = lazy(() =>
  import('../features/compare/CompareDialog').then((m) => ({ default: m.CompareDialog })),
);
const ExportDialog = lazy(() =>
  import('../features/conversations/ExportDialog').then((m) => ({ default: m.ExportDialog })),
);
const PrivacyDialog = lazy(() =>
  import('../features/privacy/PrivacyDialog').then((m) => ({ default: m.PrivacyDialog })),
);

export interface AppHeaderProps {
  sidebarOpen: boolean;
  onToggleSidebar: () => void;
  statsOpen: boolean;
  onToggleStats: () => void;
  onPresent: () => void;
}

type HeaderDialog = 'benchmark' | 'privacy' | 'export' | null;

/** The model picker and New chat up front; everything else in one menu. */
export function AppHeader({
  sidebarOpen,
  onToggleSidebar,
  statsOpen,
  onToggleStats,
  onPresent,
}: AppHeaderProps) {
  const [dialog, setDialog] = useState<HeaderDialog>(null);
  const hasChats = useChatStore((s) => Object.keys(s.conversations).length > 0);
  const importChats = useImportChats();
  const compareOpen = useCompareDialog((s) => s.open);
  const close = () => setDialog(null);
  return (
    <header className="app-header">
      <IconButton
        className="sidebar-toggle"
        label="Chats"
        icon={<PanelLeft />}
        aria-expanded={sidebarOpen}
        aria-controls="chat-sidebar"
        onClick={onToggleSidebar}
      />
      <span className="brand">Nook</span>
      <ModelButton />
      <div className="header-end">
        <SavingNote />
        <NetworkStatus />
        <IconButton
          label="New chat"
          icon={<SquarePen />}
          showLabel
          className="new-chat"
          onClick={() => newChat()}
        />
        <Menu
          label="More"
          trigger={<Ellipsis />}
          items={[
            { label: 'Stats', icon: <ChartColumn />, checked: statsOpen, onSelect: onToggleStats },
            { label: 'Compare models', icon: <Columns3 />, onSelect: () => openCompare() },
            { label: 'Benchmark', icon: <Gauge />, onSelect: () => setDialog('benchmark') },
            {
              label: 'Presentation mode',
              icon: <Presentation />,
              onSelect: () => {
                startPresentation();
                onPresent();
              },
            },
            { label: 'Privacy', icon: <ShieldCheck />, onSelect: () => setDialog('privacy') },
            'separator',
            {
              label: 'Export',
              icon: <Download />,
              disabled: !hasChats,
              onSelect: () => setDialog('export'),
            },
            { label: 'Import', icon: <Upload />, onSelect: importChats.choose },
          ]}
        />
      </div>
      {importChats.input}
      <LazyOnOpen open={dialog === 'benchmark'}>
        <BenchmarkDialog open={dialog === 'benchmark'} onClose={close} />
      </LazyOnOpen>
      <LazyOnOpen open={dialog === 'privacy'}>
        <PrivacyDialog open={dialog === 'privacy'} onClose={close} />
      </LazyOnOpen>
      <LazyOnOpen open={dialog === 'export'}>
        <ExportDialog open={dialog === 'export'} onClose={close} />
      </LazyOnOpen>
      <LazyOnOpen open={compareOpen}>
        <CompareDialog />
      </LazyOnOpen>
    </header>
  );
}
