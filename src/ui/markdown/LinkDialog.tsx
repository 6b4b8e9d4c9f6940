import { Dialog } from '../Dialog';
import { describeDestination } from './destination';
import './externalLink.css';

export type LinkKind = 'link' | 'image';

const TITLES: Record<LinkKind, string> = {
  link: 'Open this link?',
  image: 'Open this image?',
};

/**
 * Where a link in a reply goes, host first, and the choice to open it: in a new tab that is sent
 * no referrer and gets no handle on this one (rel="noopener noreferrer").
 */
export function LinkDialog({
  href,
  kind,
  onClose,
}: {
  href: string;
  kind: LinkKind;
  onClose: () => void;
}) {
  const destination = describeDestination(href);
  // The link policy let only web addresses through, so this holds; a dialog must not say less.
  if (!destination) return null;
  const { host, writtenAs, userName } = destination;
  return (
    <Dialog title={TITLES[kind]} open onClose={onClose}>
      <div className="link-dialog">
        {kind === 'image' && (
          <p>Nook did not load this image: that would have sent its address without asking you.</p>
        )}
        <table className="link-destination">
          <tbody>
            <tr>
              <th scope="row">Site</th>
              <td className="link-host" dir="ltr">
                {host}
              </td>
            </tr>
            <tr>
              <th scope="row">Address</th>
              <td className="link-address" dir="ltr">
                <code>{destination.href}</code>
              </td>
            </tr>
          </tbody>
        </table>
        {writtenAs && (
          <p className="link-warning">
            The site’s name is written{' '}
            <span className="link-written" dir="ltr">
              {writtenAs.map((label, i) => (
                // Each label kept apart, so right-to-left letters cannot change their order.
                <span key={i}>
                  {i > 0 && '.'}
                  <bdi>{label}</bdi>
                </span>
              ))}
            </span>
            , with letters other than <span className="nowrap">a–z</span> that can imitate a name
            you know; the browser goes to {host}.
          </p>
        )}
        {userName !== null && (
          <p className="link-warning">
            “{userName}” before the “@” in the address is not where it goes: the site is {host}.
          </p>
        )}
        <p className="muted">
          The site receives the whole address, and anything written into it. Links in replies are
          written by the model, and a document can tell a model what to write: open this only if you
          expected it.
        </p>
        <div className="actions">
          <a
            className="link-open"
            href={destination.href}
            target="_blank"
            rel="noopener noreferrer"
            onClick={onClose}
          >
            Open in a new tab
          </a>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    </Dialog>
  );
}
