package ingest

// SettingsOf exposes settingsOf to the external tests.
var SettingsOf = settingsOf
