/** H5: the browser's file picker; the file goes up through a blob: URL, its name saying xlsx or csv. */
export function pickRosterFile(): Promise<{ path: string; name: string } | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv'
    input.style.display = 'none'
    input.setAttribute('data-testid', 'roster-file-input')
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      input.remove()
      resolve(file ? { path: URL.createObjectURL(file), name: file.name } : null)
    })
    document.body.appendChild(input)
    input.click()
  })
}
