// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialRuntimeState, useRuntimeStore } from '../../store/runtimeStore';
import { NetworkStatus } from './NetworkStatus';
import { PrivacyDialog } from './PrivacyDialog';
import { UpdateNotice } from './UpdateNotice';

const eraseAllData = vi.hoisted(() => vi.fn(async () => undefined));
vi.mock('../../store/actions/eraseAllData', () => ({ eraseAllData }));

afterEach(() => {
  cleanup();
  useRuntimeStore.setState(initialRuntimeState);
  eraseAllData.mockClear();
});

describe('NetworkStatus', () => {
  it('says "Offline" only while offline', () => {
    useRuntimeStore.setState({ online: true });
    render(<NetworkStatus />);
    expect(screen.getByRole('status')).toHaveProperty('textContent', '');
    act(() => useRuntimeStore.setState({ online: false }));
    expect(screen.getByRole('status')).toHaveProperty('textContent', 'Offline');
  });
});

describe('UpdateNotice', () => {
  it('appears when a new version waits, and Update applies it', () => {
    const onUpdate = vi.fn();
    render(<UpdateNotice onUpdate={onUpdate} />);
    expect(screen.queryByRole('status')).toBeNull();
    act(() => useRuntimeStore.setState({ updateReady: true }));
    expect(screen.getByRole('status').textContent).toContain('A new version of Nook is ready');
    fireEvent.click(screen.getByRole('button', { name: 'Update' }));
    expect(onUpdate).toHaveBeenCalledOnce();
  });
});

describe('the privacy dialog', () => {
  it('erases only after a second, explicit confirmation', () => {
    render(<PrivacyDialog open onClose={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Erase all data' }));
    expect(eraseAllData).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('button', { name: 'Yes, erase everything' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Erase all data' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, erase everything' }));
    expect(eraseAllData).toHaveBeenCalledOnce();
    expect(screen.getByRole('status').textContent).toBe('Erasing…');
  });

  it('warns, offline, that Nook will need a connection to open again', () => {
    useRuntimeStore.setState({ online: false });
    render(<PrivacyDialog open onClose={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Erase all data' }));
    expect(screen.getByRole('group', { name: 'Confirm erasing all data' }).textContent).toContain(
      'Nook needs a connection to open again',
    );
  });
});
