// The public site's only script, an enhancement: chapter and transcript timestamps seek the video on
// the page instead of opening the file. Without it the links open the video at that time.
(() => {
  'use strict';
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-seek]') : null;
    if (!link) return;
    const player = document.getElementById(link.dataset.player);
    if (!(player instanceof HTMLMediaElement)) return;
    event.preventDefault();
    player.currentTime = Number(link.dataset.seek);
    player.focus();
    const playing = player.play();
    if (playing && typeof playing.catch === 'function') playing.catch(() => undefined);
  });
})();
