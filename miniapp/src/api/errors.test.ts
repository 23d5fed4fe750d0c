import { ApiError, formErrors } from './errors'

describe('formErrors', () => {
  const invalid = new ApiError(400, 'VALIDATION_FAILED', 'Validation failed', [
    { field: 'title', message: '标题不能为空' },
    { field: 'items.2', message: '第 3 项太长' },
    { field: 'orgId', message: 'orgId 必须是 UUID' },
  ])

  it("puts the server's messages beside the form's own fields (items.2 under items) and says where to look", () => {
    const r = formErrors(invalid, ['title', 'content', 'items'])
    expect(r.fields).toEqual({ title: '标题不能为空', items: '第 3 项太长' })
    expect(r.banner).toBe('填写的内容有误，请检查标红的项目')
  })

  it('says what went wrong when no field of the form is named', () => {
    expect(formErrors(invalid, ['phone'])).toEqual({ fields: {}, banner: '标题不能为空；第 3 项太长；orgId 必须是 UUID' })
    const conflict = new ApiError(409, 'CONFLICT', '该心愿已被认领')
    expect(formErrors(conflict, ['title'], () => '手慢了一步')).toEqual({ fields: {}, banner: '手慢了一步' })
  })
})
