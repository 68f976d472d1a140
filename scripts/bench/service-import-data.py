#!/usr/bin/env python3
"""Deterministic DMS repair-order files for the import benchmark (issue 11).

Usage: service-import-data.py SEED_ROWS FILE_ROWS OUT_DIR [RUN]
Writes OUT_DIR/seed.csv (SEED_ROWS orders of SEED_ROWS cars and owners: the "existing data") and OUT_DIR/day.csv
(FILE_ROWS orders: 70% of cars already on file, with a higher mileage, their owners' mobiles; 30% new cars and owners
sold elsewhere), both UTF-8 with English headers, 18 columns as the template. DAY (yyyy-mm-dd) is the opening day of
RUN (0, 1, 2 ...) makes another day's file: other order numbers and new cars, a day later, higher mileages. The file's
orders open on 2026-11-20 + RUN days; the seed's 90 days before 2026-11-20.
"""
import datetime
import sys

WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
VALUES = {**{str(d): d for d in range(10)}, **dict(zip("ABCDEFGH", range(1, 9))), **dict(zip("JKLMN", range(1, 6))),
          "P": 7, "R": 9, **dict(zip("STUVWXYZ", range(2, 10)))}
TYPES = ["首保", "保养", "保养;小修", "索赔", "小修", "钣喷自费", "大修", "保养、装饰", "Maintenance|MinorRepair", "续保"]
HEADER = ("order_number,vin,plate,brand,model,owner_name,owner_mobile,opened_at,completed_at,mileage,service_types,"
          "amount,advisor,brought_by_name,brought_by_mobile,accepts_callback,callback_number,callback_time")


def vin(n):
    body = f"LSVAU2180N{n:07d}"
    check = sum(VALUES[c] * w for c, w in zip(body, WEIGHTS)) % 11
    return body[:8] + ("X" if check == 10 else str(check)) + body[9:]


def row(order, car, day, minute, mileage):
    opened = f"{day} {8 + minute // 60 % 9:02d}:{minute % 60:02d}"
    completed = f"{day} {17:02d}:{minute % 60:02d}" if car % 4 else ""
    accepts = "否" if car % 10 == 0 else "是"
    brought = (f"司机{car},137{car:08d}" if car % 3 == 0 else ",")
    return (f"{order},{vin(car)},,吉利,星越L,车主{car},139{car:08d},{opened},{completed},{mileage},"
            f"\"{TYPES[car % len(TYPES)]}\",{300 + car % 5000}.00,周杰 Service Advisor,{brought},{accepts},,")


def main():
    seed_rows, file_rows, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    run = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    base = datetime.date(2026, 11, 20)
    day = base + datetime.timedelta(days=run)
    seed_day = base - datetime.timedelta(days=90)
    with open(f"{out}/seed.csv", "w", encoding="utf-8", newline="") as f:
        f.write(HEADER + "\n")
        for car in range(1, seed_rows + 1):
            f.write(row(f"S{car:08d}", car, seed_day, car % 480, 10000 + car % 20000) + "\n")
    existing = int(file_rows * 0.7)
    with open(f"{out}/day.csv", "w", encoding="utf-8", newline="") as f:
        f.write(HEADER + "\n")
        for i in range(1, file_rows + 1):
            car = 1 + (i * 7919) % seed_rows if i <= existing and seed_rows else 2_000_000 + run * 500_000 + i
            f.write(row(f"D{run}-{i:08d}", car, day, i % 480, 40000 + run * 1000 + car % 20000) + "\n")


if __name__ == "__main__":
    main()
