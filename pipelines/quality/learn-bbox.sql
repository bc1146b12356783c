-- $1 endpoint id. The 1st–99th percentile box of its stored coordinates, with how many there are.
SELECT
  count(*) AS located,
  quantile_cont(lon, 0.01) AS west,
  quantile_cont(lat, 0.01) AS south,
  quantile_cont(lon, 0.99) AS east,
  quantile_cont(lat, 0.99) AS north
FROM service_requests
WHERE endpoint_id = $1 AND lat IS NOT NULL AND lon IS NOT NULL;
