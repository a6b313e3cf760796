export type { Metric, MetricName, MetricContext, NodeStats } from './metrics.ts';
export { createMetric, arxAttributeLoss, arxAggregate, METRIC_NAMES } from './metrics.ts';
