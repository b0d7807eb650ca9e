/** Fixed card slot height in design px (750 wide): the card and its gap. The windowed list and the H5 shell use it. */
export const CARD_HEIGHT_RPX = 260;
