// Unit tests run on fake-indexeddb: only the storage edge is faked, the code above it is real.
import 'fake-indexeddb/auto';

// jsdom has no modal dialogs; these stand-ins flip `open` as the browser would.
if (typeof HTMLDialogElement !== 'undefined') {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
  };
}

// jsdom lays nothing out, so it has nothing to scroll.
if (typeof Element !== 'undefined') {
  Element.prototype.scrollIntoView ??= () => undefined;
}
