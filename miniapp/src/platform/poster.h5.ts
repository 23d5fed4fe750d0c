/** H5: the poster is an SVG served by the API; the browser opens and prints it in a new tab. */
export function openPoster(url: string): void {
  window.open(url, '_blank', 'noopener')
}
