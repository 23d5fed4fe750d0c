import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { buildRosterTemplateXlsx } from './roster-template.js';
import { parseRoster } from './roster-parser.js';

const HEADERS = ['姓名', '性别', '出生日期', '入党日期', '参加工作日期', '党员状态', '岗位类型', '岗位名称', '职责', '手机号', '公开手机号'];

describe('buildRosterTemplateXlsx', () => {
  it('parses back to exactly the example row', async () => {
    const buffer = await buildRosterTemplateXlsx();
    const result = await parseRoster({ buffer, originalname: '党员名册导入模板.xlsx' });
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        row: 2,
        name: '张三',
        gender: 'male',
        birthday: '1985-03-12',
        joinedPartyOn: '2010-07-01',
        workStartedOn: '2007-07-01',
        status: 'full',
        postKind: 'demonstration',
        postTitle: '便民服务窗口',
        duties: '负责便民服务窗口接待，帮助居民办理各类证明',
        phone: '13800138000',
        showPhone: false,
      },
    ]);
  });

  it('has the Chinese header, widths, date formats and drop-down lists', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildRosterTemplateXlsx()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('党员名册');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    HEADERS.forEach((_, i) => expect(ws.getColumn(i + 1).width).toBeGreaterThanOrEqual(8));
    for (const col of ['C', 'D', 'E']) {
      expect(ws.getCell(`${col}2`).value).toBeInstanceOf(Date);
      expect(ws.getCell(`${col}2`).numFmt).toBe('yyyy-mm-dd');
    }
    expect(ws.getCell('J2').numFmt).toBe('@');

    const list = (address: string) => ws.getCell(address).dataValidation;
    expect(list('B2')).toMatchObject({ type: 'list', formulae: ['"男,女"'] });
    expect(list('B5001')).toMatchObject({ type: 'list' });
    expect(list('F3')).toMatchObject({ type: 'list', formulae: ['"正式党员,预备党员"'] });
    expect(list('G100')).toMatchObject({ type: 'list', formulae: ['"党员示范岗,党员先锋岗,党员责任区"'] });
    expect(list('K2')).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(list('A2')).toBeUndefined();
    expect(list('B1')).toBeUndefined();

    expect(wb.worksheets[1].name).toBe('填写说明');
  });
});
