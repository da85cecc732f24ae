import BookChecks
import BackpropChapter

BackpropCommand.mainJoiningNegativeValues()
