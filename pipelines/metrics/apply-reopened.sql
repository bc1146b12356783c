UPDATE metric_changed AS c SET reopened = true
FROM (
  SELECT k.endpoint_id, k.service_request_id
  FROM metric_changed k
  LEFT JOIN metric_old o ON o.endpoint_id = k.endpoint_id AND o.service_request_id = k.service_request_id
  LEFT JOIN metric_new_history h ON h.endpoint_id = k.endpoint_id AND h.service_request_id = k.service_request_id
  WHERE o.reopened OR h.closed_then_open OR (o.status = 'closed' AND (k.status = 'open' OR h.saw_open))
) AS x
WHERE c.endpoint_id = x.endpoint_id AND c.service_request_id = x.service_request_id;
