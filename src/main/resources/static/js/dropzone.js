// A drop zone: shows that a drag may be dropped (class 'dragging') and hands the drop event over.
// Shared by the single-frame upload and the batch folder upload.
export function acceptDrops(zone, onDrop) {
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, (event) => {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      zone.classList.add('dragging');
    });
  }
  for (const type of ['dragleave', 'drop']) {
    zone.addEventListener(type, () => zone.classList.remove('dragging'));
  }
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    onDrop(event);
  });
}
