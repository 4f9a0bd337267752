"""Save docs/screenshot.svg: the app, headless, saves an SVG of itself (run: python -m tests.make_screenshot)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.apphelpers import make_app

OUT = Path(__file__).resolve().parent.parent / "docs"


async def main() -> None:
    app = make_app()
    async with app.run_test(size=(130, 36)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        app.save_screenshot("screenshot.svg", str(OUT))


if __name__ == "__main__":
    asyncio.run(main())
    print(OUT / "screenshot.svg")
