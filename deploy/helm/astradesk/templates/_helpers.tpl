{{- define "astradesk.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "astradesk.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "astradesk.labels" -}}
app.kubernetes.io/name: {{ include "astradesk.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "astradesk.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "astradesk.secretName" -}}
{{- .Values.secret.existingSecret | default (printf "%s-secret" (include "astradesk.fullname" .)) -}}
{{- end -}}

{{- define "astradesk.envFrom" -}}
- configMapRef:
    name: {{ include "astradesk.fullname" . }}-config
- secretRef:
    name: {{ include "astradesk.secretName" . }}
    optional: true
{{- end -}}
