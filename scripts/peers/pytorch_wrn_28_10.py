"""What a PyTorch user does to get WRN-28-10's numbers: build the model, run one image
through it, count. Used only to time that against wrn-calc (scripts/peers/README.md);
never by the tool or its tests."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reference"))
from wrn_reference import measure  # noqa: E402  (the same modules as the reference fixtures)

totals, _ = measure({"blocksPerGroup": 4, "k": 10, "block": [3, 3], "input": [3, 32, 32],
                     "classes": 10, "convBias": False})
print(totals["params"], totals["macs"])
