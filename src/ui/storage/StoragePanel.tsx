import { useCallback, useEffect, useState } from 'react';
import { deleteStoredJobItem } from '../../app/jobs';
import { JOB_KINDS, useJobsStore } from '../../app/jobs/jobsStore';
import {
  formatBytes,
  listStoredItems,
  requestPersistentStorage,
  type StoredItem,
  type TopLevelStore,
} from '../../lib/storage';
import { useWorkbenchStore } from '../../app/workbenchStore';
import { refreshStorageSummary } from '../../app/storageSummary';
import { workbenchDb } from '../../app/db';

const KIND: Record<TopLevelStore, string> = {
  datasets: 'Dataset',
  runs: 'Training run',
  pcaBases: 'PCA basis',
  results: 'Results',
};

type Listing = { state: 'loading' } | { state: 'ready'; items: StoredItem[] } | { state: 'failed'; message: string };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function ItemRow({ item, onDeleted }: { item: StoredItem; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const [deleting, setDeleting] = useState(false);
  const label = `${KIND[item.store]} ${item.name}`;

  async function remove() {
    setError('');
    setDeleting(true);
    try {
      // A job running the item (here or in another tab) is stopped first, so it cannot write it back.
      await deleteStoredJobItem(item.store, item.id);
      // Lists elsewhere (datasets, runs, analyses) re-read what is stored.
      for (const kind of JOB_KINDS) useJobsStore.getState().touch(kind);
      onDeleted();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setDeleting(false);
    }
  }

  return (
    <tr aria-label={label}>
      <td>{item.name}</td>
      <td>{KIND[item.store]}</td>
      <td className="num">{formatBytes(item.bytes)}</td>
      <td>{new Date(item.createdAt).toLocaleString()}</td>
      <td>
        {deleting ? (
          <span role="status">Stopping its job if it runs, then deleting…</span>
        ) : confirming ? (
          <>
            <button type="button" onClick={() => void remove()} aria-label={`Confirm deleting ${label}`}>
              Delete permanently
            </button>{' '}
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
              }}
            >
              Keep
            </button>
          </>
        ) : (
          <button
            type="button"
            onClick={() => {
              setConfirming(true);
            }}
            aria-label={`Delete ${label}`}
          >
            Delete
          </button>
        )}
        {error && (
          <span role="alert" className="error">
            {' '}
            {error}
          </span>
        )}
      </td>
    </tr>
  );
}

/** The stored items, re-read whenever `reload` is called. */
function useStoredItems(): [Listing, () => void] {
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    workbenchDb()
      .then(listStoredItems)
      .then(
        (items) => {
          if (current) setListing({ state: 'ready', items });
        },
        (e: unknown) => {
          if (current) setListing({ state: 'failed', message: errorText(e) });
        },
      )
      .finally(() => void refreshStorageSummary());
    return () => {
      current = false;
    };
  }, [version]);

  const reload = useCallback(() => {
    setVersion((v) => v + 1);
  }, []);
  return [listing, reload];
}

/** What is stored in this browser, its size, and delete. */
export function StoragePanel() {
  const [listing, reload] = useStoredItems();
  const storage = useWorkbenchStore((s) => s.storage);

  return (
    <section aria-labelledby="storage-title" className="storage-panel">
      <h2 id="storage-title">Storage</h2>
      <p>
        Everything is stored in this browser (IndexedDB, database <code>gmf-workbench</code>).{' '}
        {storage?.usage !== undefined &&
          storage.quota !== undefined &&
          `Using ${formatBytes(storage.usage)} of ${formatBytes(storage.quota)}. `}
        {storage?.persisted === true && 'The browser keeps this data (persistent storage).'}
        {storage?.persisted === false && (
          <>
            The browser may evict this data under storage pressure.{' '}
            <button type="button" onClick={() => void requestPersistentStorage().then(refreshStorageSummary)}>
              Ask to keep it
            </button>
          </>
        )}
      </p>
      {listing.state === 'loading' && <p>Reading stored items…</p>}
      {listing.state === 'failed' && (
        <p role="alert" className="error">
          Could not read storage: {listing.message}
        </p>
      )}
      {listing.state === 'ready' && listing.items.length === 0 && <p>Nothing stored yet.</p>}
      {listing.state === 'ready' && listing.items.length > 0 && (
        <table aria-label="Stored items">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Size</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {listing.items.map((item) => (
              <ItemRow key={`${item.store}/${item.id}`} item={item} onDeleted={reload} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
