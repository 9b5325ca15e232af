#!/usr/bin/env python3
"""Holt-Winters peer of the forecaster's quality bars (statsmodels ExponentialSmoothing, Debian's python3-statsmodels).

For each series the last `horizon` values are held out, exactly as in the forecaster's tests and example
(examples/Forecasting): Holt-Winters and seasonal naive are fitted on the rest and scored by sMAPE on the held-out part.
The settings are the textbook choice for each series (every other variant tried is printed as well):

  airline (horizon 12, period 12): additive trend, multiplicative seasonality -- growing level, seasonal swings that
      grow with it.
  daily-min-temperatures (horizon 30, period 365): no trend, additive seasonality -- a stable yearly cycle.
  monthly-sunspots (horizon 24, period 132): no trend, additive seasonality with the ~11-year solar cycle of 132 months
      -- the same period the seasonal naive baseline and MASE use; no trend since the cycle has none.

Parameters are estimated by statsmodels' default optimiser (fit() with no fixed values).
Usage: /usr/bin/python3 benchmarks/peers/statsmodels_holtwinters.py   (prints one JSON object)
"""
import csv
import itertools
import json
import os
import warnings

import numpy as np
from statsmodels.tsa.holtwinters import ExponentialSmoothing

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SERIES = [
    # name, file, value column, horizon, seasonal period, chosen (trend, damped, seasonal)
    ("airline", "airline-passengers/airline-passengers.csv", 1, 12, 12, ("add", False, "mul")),
    ("daily-min-temperatures", "daily-min-temperatures/daily-min-temperatures.csv", 1, 30, 365, (None, False, "add")),
    ("monthly-sunspots", "monthly-sunspots/monthly-sunspots.csv", 1, 24, 132, (None, False, "add")),
]


def smape(actual, forecast):
    return float(100 * np.mean(2 * np.abs(forecast - actual) / (np.abs(actual) + np.abs(forecast))))


def load(path, column):
    with open(os.path.join(ROOT, "examples", "data", path)) as f:
        rows = list(csv.reader(f))[1:]
    return np.array([float(r[column]) for r in rows])


def holt_winters(train, horizon, period, trend, damped, seasonal):
    model = ExponentialSmoothing(train, trend=trend, damped_trend=damped, seasonal=seasonal, seasonal_periods=period if seasonal else None)
    return model.fit().forecast(horizon)


def main():
    warnings.filterwarnings("ignore")
    results = {}
    for name, path, column, horizon, period, chosen in SERIES:
        values = load(path, column)
        train, actual = values[:-horizon], values[-horizon:]
        seasonal_naive = np.array([train[len(train) - period + (h % period)] for h in range(horizon)])
        variants = {}
        for trend, damped, seasonal in itertools.product([None, "add"], [False, True], [None, "add", "mul"]):
            if (trend is None and damped) or (seasonal == "mul" and train.min() <= 0):
                continue
            label = f"trend={trend},damped={damped},seasonal={seasonal}"
            variants[label] = round(smape(actual, holt_winters(train, horizon, period, trend, damped, seasonal)), 3)
        trend, damped, seasonal = chosen
        results[name] = {
            "horizon": horizon,
            "seasonal_period": period,
            "training_points": len(train),
            "holt_winters": {"trend": trend, "damped": damped, "seasonal": seasonal,
                             "smape": round(smape(actual, holt_winters(train, horizon, period, *chosen)), 3)},
            "seasonal_naive_smape": round(smape(actual, seasonal_naive), 3),
            "naive_smape": round(smape(actual, np.repeat(train[-1], horizon)), 3),
            "best_holt_winters_variant": min(variants.items(), key=lambda kv: kv[1]),
            "variants": variants,
        }
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
