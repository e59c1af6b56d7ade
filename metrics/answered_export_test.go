package metrics

// AnsweredItems is answeredItems, for the tests of metrics_test.
var AnsweredItems = answeredItems
