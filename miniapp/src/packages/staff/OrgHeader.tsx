import { Picker, Text, View } from '@tarojs/components'
import type { StaffOrg } from '../../utils/staff'

/** The organisation a staff page works on; with several to serve, a picker to switch. */
export function OrgHeader({ org, orgs = [], onChange, label = '当前组织' }: { org: StaffOrg; orgs?: StaffOrg[]; onChange?: (o: StaffOrg) => void; label?: string }) {
  const canSwitch = !!onChange && orgs.length > 1
  return (
    <View className="xf-staff__org">
      <Text className="xf-staff__org-label">{label}</Text>
      <View className="xf-staff__org-row">
        <Text className="xf-staff__org-name">{org.name || '本组织'}</Text>
        {canSwitch ? (
          <Picker
            mode="selector"
            range={orgs.map((o) => o.name)}
            value={Math.max(0, orgs.findIndex((o) => o.id === org.id))}
            onChange={(e) => onChange(orgs[Number(e.detail.value)] ?? org)}
          >
            <View className="xf-staff__org-switch">切换 ›</View>
          </Picker>
        ) : null}
      </View>
    </View>
  )
}
