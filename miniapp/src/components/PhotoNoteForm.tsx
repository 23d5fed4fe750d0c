import { Button, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { Field } from './Field'
import { PhotoPicker } from './Photos'

export interface PhotoNoteFormProps {
  /** Omitted when the panel's title says it (报告践诺进展). */
  label?: string
  placeholder: string
  maxLength: number
  maxPhotos: number
  submitText: string
  busy: boolean
  /** The note trimmed (never empty) and the uploaded photos; resolves true when it went through, which empties the form. */
  onSubmit: (note: string, photos: string[]) => Promise<boolean>
}

/** A written note with optional photos: a claimer's 完成情况, an owner's 践诺进展. */
export function PhotoNoteForm({ label, placeholder, maxLength, maxPhotos, submitText, busy, onSubmit }: PhotoNoteFormProps) {
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const submit = async () => {
    if (await onSubmit(note.trim(), photos)) {
      setNote('')
      setPhotos([])
    }
  }
  return (
    <>
      <Field label={label}>
        <TextArea className="xf-nut-textarea" value={note} maxLength={maxLength} showCount placeholder={placeholder} onChange={setNote} />
      </Field>
      <Field label={`照片（选填，最多 ${maxPhotos} 张）`}>
        <PhotoPicker photos={photos} onChange={setPhotos} max={maxPhotos} />
      </Field>
      <Button type="primary" size="large" block loading={busy} disabled={!note.trim()} onClick={submit}>
        {submitText}
      </Button>
    </>
  )
}
