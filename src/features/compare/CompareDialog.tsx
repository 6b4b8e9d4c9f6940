import { useCompareStore } from '../../store/compareStore';
import { Dialog } from '../../ui/Dialog';
import { closeCompare, showCompareSetup, useCompareDialog } from './compareDialog';
import { CompareResults } from './CompareResults';
import { CompareSetup } from './CompareSetup';
import '../../ui/forms.css';
import './compare.css';

/**
 * Compare models: choose, then watch them answer in turn. A comparison that runs is shown
 * whenever the dialog is open; closing the dialog does not stop it.
 */
export function CompareDialog() {
  const { open, request, setup, opened } = useCompareDialog();
  const run = useCompareStore((s) => s.run);
  const showRun = run && (!run.finished || !setup);
  return (
    <Dialog title="Compare models" open={open} onClose={closeCompare}>
      {showRun ? (
        <CompareResults run={run} onNew={showCompareSetup} />
      ) : (
        <CompareSetup key={opened} request={request} />
      )}
    </Dialog>
  );
}
